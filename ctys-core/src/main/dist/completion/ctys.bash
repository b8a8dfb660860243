# bash completion for ctys and ctys-setupVDE: source it, or install it as
# /usr/share/bash-completion/completions/ctys (and a link named ctys-setupVDE).
# ctys itself decides what fits the word under the cursor (ctys --complete '<line>'), from its options, the
# installed plugins and the group files; this only asks and fills in.
_ctys() {
    local line=${COMP_LINE:0:COMP_POINT}
    local cur=${COMP_WORDS[COMP_CWORD]}
    # bash splits a word at the characters of COMP_WORDBREAKS ('=' and ':' among them) and replaces only the
    # part after the last of them; ctys answers with whole words, so what comes before that part is cut off
    local word=${line##*[[:space:]]}
    local before=${word%"$cur"}
    local candidate
    COMPREPLY=()
    while IFS= read -r candidate; do
        COMPREPLY+=("${candidate#"$before"}")
        case $candidate in
            *[=:,/]) compopt -o nospace 2>/dev/null ;;
        esac
    done < <("$1" --complete "$line" 2>/dev/null)
}
complete -o bashdefault -o default -F _ctys ctys ctys-setupVDE
