# The labs a user runs, recorded on the control host: one copy of each lab's file as create brought it up, in
# ${XDG_STATE_HOME:-$HOME/.local/state}/ctys/labs, a directory only the user may write.
#   records read <name>      the record's text; exit 3 when there is none
#   records write <name>     stdin becomes the record (mode 0600, replaced in one rename)
#   records remove <name>    no record afterwards
#   records list             every record as <name> NUL <text> NUL
set -u
dir=${XDG_STATE_HOME:-$HOME/.local/state}/ctys/labs
# a directory someone else owns or may write could hold planted records: refuse it rather than read it
safe() {
    [ -d "$dir" ] && [ ! -L "$dir" ] || return 1
    [ "$(stat -c %u -- "$dir")" = "$(id -u)" ] || { echo "$dir is not owned by $(id -un)" >&2; exit 4; }
    case $(stat -c %A -- "$dir") in ?????-??-*) ;; *) echo "$dir may be written by others" >&2; exit 4;; esac
}
case $1 in
read)
    safe && [ -f "$dir/$2.yaml" ] || exit 3
    cat -- "$dir/$2.yaml" ;;
write)
    umask 077
    mkdir -p -- "$dir" && safe || exit 4
    cat > "$dir/.$2.yaml.new" && mv -f -- "$dir/.$2.yaml.new" "$dir/$2.yaml" ;;
remove)
    safe || exit 0
    rm -f -- "$dir/$2.yaml" ;;
list)
    safe || exit 0
    for f in "$dir"/*.yaml; do
        [ -f "$f" ] || continue
        n=${f##*/}; printf '%s\0' "${n%.yaml}"; cat -- "$f"; printf '\0'
    done ;;
*)
    echo "unknown verb $1" >&2; exit 2 ;;
esac
