using System.CommandLine;

namespace FunctionsSequence.Cli.Commands;

/// <summary>
/// <c>fseq completion SHELL</c>: a script that hooks fseq into the shell's tab completion. The
/// script asks fseq itself, through System.CommandLine's <c>[suggest:POSITION]</c> directive, for
/// the commands, options and values that fit the line so far (what dotnet-suggest does, without
/// installing it); where fseq offers nothing, as for manifest paths, the shell completes file names.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # fseq tab completion for bash: add to ~/.bashrc: source <(fseq completion bash)
        _fseq_complete() {
          local IFS=$'\n'
          COMPREPLY=($(compgen -W "$(fseq "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _fseq_complete fseq

        """;

    private const string Zsh = """
        # fseq tab completion for zsh: add to ~/.zshrc: source <(fseq completion zsh)
        _fseq() {
          local -a words
          words=("${(@f)$(fseq "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
          words=(${words:#})
          if (( ${#words} )); then compadd -a words; else _files; fi
        }
        compdef _fseq fseq

        """;

    private const string PowerShell = """
        # fseq tab completion for PowerShell: add to $PROFILE: fseq completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName fseq -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            fseq "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;

    public static Command Create()
    {
        var shell = new RequiredArgument<string>("SHELL", "bash, zsh or pwsh", ArgumentArity.ExactlyOne) { Description = "bash, zsh or pwsh" };
        shell.CompletionSources.Add("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print the script that gives fseq tab completion in bash, zsh or PowerShell.") { shell };
        command.Validators.Add(result =>
        {
            if (result.GetValue(shell) is not ("bash" or "zsh" or "pwsh"))
            {
                result.AddError("completion needs bash, zsh or pwsh");
            }
        });
        command.SetAction(parsed =>
        {
            Console.Out.Write(parsed.GetRequiredValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => PowerShell,
            });
            return 0;
        });
        return command;
    }
}
