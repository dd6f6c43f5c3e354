using System.CommandLine;
using System.CommandLine.Help;
using CodingRules.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace CodingRules.Cli;

/// <summary>Builds the verbs and runs one command line. Usage errors exit with 2, never with a stack trace.</summary>
internal sealed class CliApplication(CliConsole console, IConfiguration configuration)
{
    public int Run(string[] args)
    {
        var defaultRules = RulesFolder.Default(configuration["RULES"], Directory.GetCurrentDirectory());
        // Note: a RootCommand takes its name from the executable, so 'dotnet CodingRules.Cli.dll --help' would say
        // "Usage: CodingRules.Cli"; the tool is called codingrules however it is started.
        var root = new Command("codingrules", "Rules-as-data coding of documented procedures into claim lines.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(ValidateCommand.Create(console, defaultRules));
        root.Subcommands.Add(LintCommand.Create(console, defaultRules));
        root.Subcommands.Add(EvaluateCommand.Create(console, defaultRules));
        root.Subcommands.Add(TestCommand.Create(console, defaultRules));
        root.Subcommands.Add(VersionsCommand.Create(console, defaultRules));
        root.Subcommands.Add(ResolveCommand.Create(console, defaultRules));
        root.Subcommands.Add(DiffCommand.Create(console, defaultRules));
        root.Subcommands.Add(FlattenCommand.Create(console, defaultRules));
        root.Subcommands.Add(FmtCommand.Create(console, defaultRules));
        root.Subcommands.Add(ServeCommand.Create(console, defaultRules));
        // Note: no response files: an argument starting with '@' (a git revision such as @{-1}) is an argument.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // Note: a verb whose paths are optional would take "--typo" as a path; anything that looks like an option
        // and was not recognised is a usage error instead.
        var unknownOptions = parsed.Tokens
            .Where(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && t.Value.StartsWith('-') && t.Value != "-")
            .Select(t => $"Unrecognized option '{t.Value}'.");
        var errors = parsed.Errors.Select(e => e.Message).Concat(unknownOptions).Distinct().ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                console.Error.WriteLine($"codingrules: {error}");
            }

            console.Error.WriteLine("Try 'codingrules --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"codingrules: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (UnauthorizedAccessException e)
        {
            console.Error.WriteLine($"codingrules: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
