using System.CommandLine;

namespace CodingRules.Cli.Commands;

/// <summary>Options shared by several verbs.</summary>
internal static class Options
{
    public static Option<string> Format(params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(" | ", allowed)}",
            DefaultValueFactory = _ => allowed[0],
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    public static Option<string> Rules(string defaultRules) => new("--rules", "-r")
    {
        Description = "Rules folder (default: the rules shipped with the tool)",
        DefaultValueFactory = _ => defaultRules,
    };
}
