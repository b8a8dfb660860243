# The safety net of a move of a live interface into a bridge (the idea of a router's "commit confirmed"): armed
# before the move, it gives the interface back by itself unless ctys confirms, within the grace period, that it
# still reaches the host after the move. It runs apart from the ssh session (setsid), so that a dropped connection
# does not end it, and it ends as soon as it is confirmed.
# Arguments: grace-seconds restore-batch-file confirm-file restore-batch-text
grace=$1 restore=$2 confirm=$3
umask 077
rm -f -- "$confirm"
printf '%s' "$4" > "$restore" || exit 1
setsid -f sh -c '
  i=0
  while [ $i -lt "$1" ]; do
    if [ -e "$3" ]; then rm -f -- "$2" "$3"; exit 0; fi
    sleep 1; i=$((i+1))
  done
  ip -force -batch "$2"
  rm -f -- "$2"
' ctys-vde-safety-net "$grace" "$restore" "$confirm" </dev/null >/dev/null 2>&1
