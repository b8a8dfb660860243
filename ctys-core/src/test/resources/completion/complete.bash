# Completes the line $1 as bash does on TAB: the words split at blanks and at COMP_WORDBREAKS' '=' and ':',
# then the completion function of the distribution $DIST (or the file $COMPLETION); prints each reply on a line,
# after a line "nospace" when the completion asked for no space after the word.
source "${COMPLETION:-$DIST/completion/ctys.bash}"
line=$1
read -ra blank <<< "$line"
COMP_WORDS=()
for w in "${blank[@]}"; do
    while [[ $w =~ ^([^=:]*)([=:])(.*)$ ]]; do
        [ -n "${BASH_REMATCH[1]}" ] && COMP_WORDS+=("${BASH_REMATCH[1]}")
        COMP_WORDS+=("${BASH_REMATCH[2]}")
        w=${BASH_REMATCH[3]}
    done
    [ -n "$w" ] && COMP_WORDS+=("$w")
done
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$line
COMP_POINT=${#line}
# compopt works only while bash itself completes: note what was asked
nospace=
compopt() { [ "$2" = nospace ] && nospace=1; }
_ctys "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
[ -n "$nospace" ] && echo nospace
[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
