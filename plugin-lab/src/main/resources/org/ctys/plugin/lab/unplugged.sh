# Waits until no cable plugs into these switch sockets any more: a cable's plug on a host ends when sshd sees its
# connection from the control host close, a moment after the cable was stopped there. At most 5 s.
#   unplugged <sock>...
for sock do
    i=0
    while pgrep -f -x "vde_plug $sock" > /dev/null; do
        [ $i -ge 500 ] && { echo "a cable still plugs into $sock" >&2; exit 1; }
        sleep 0.01; i=$((i + 1))
    done
done
