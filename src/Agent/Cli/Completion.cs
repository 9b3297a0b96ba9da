using System.CommandLine;

namespace LineAgent.Agent.Cli;

/// <summary>
/// `lineagent completion bash|zsh`: a shell function that asks lineagent itself what may come next (System.CommandLine's
/// [suggest] directive), so completion always matches this binary's verbs and options.
/// </summary>
internal static class Completion
{
    /// <summary>Bash: the line without the program name, and the cursor within it.</summary>
    public const string Bash = """
        # lineagent tab completion for bash. Enable: eval "$(lineagent completion bash)"   (e.g. in ~/.bashrc)
        _lineagent_complete() {
            local line="${COMP_LINE#* }"
            local point=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${point}]" "${line}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _lineagent_complete lineagent
        """;

    /// <summary>Zsh: the same through compadd.</summary>
    public const string Zsh = """
        # lineagent tab completion for zsh. Enable: eval "$(lineagent completion zsh)"   (e.g. in ~/.zshrc, after compinit)
        _lineagent_complete() {
            local line="${BUFFER#* }"
            local point=$(( CURSOR - ${#BUFFER} + ${#line} ))
            local -a items
            items=("${(@f)$(${words[1]} "[suggest:${point}]" "${line}" 2>/dev/null)}")
            compadd -- $items
        }
        compdef _lineagent_complete lineagent
        """;

    public static Verb Verb()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var verb = new Verb("completion", "Print the tab-completion script for bash or zsh")
        {
            Details = "Enable it with eval \"$(lineagent completion bash)\" (or zsh) in the shell's start-up file.",
        };
        verb.Arguments.Add(shell);
        verb.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return 0;
        });
        return verb;
    }
}
