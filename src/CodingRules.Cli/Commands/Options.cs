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

    /// <summary><c>--input guess|ndjson|json</c>: how the input file holds its records.</summary>
    public static Option<string> Input()
    {
        var option = new Option<string>("--input", "-i")
        {
            Description = "Input layout: guess (default) | ndjson (one record per line, streamed) | json (one document: an object or an array of them)",
            DefaultValueFactory = _ => "guess",
        };
        option.AcceptOnlyFromAmong("guess", "ndjson", "json");
        return option;
    }

    /// <summary>The layout an <see cref="Input"/> option names.</summary>
    public static Encounters.InputLayout Layout(string value) => value switch
    {
        "ndjson" => Encounters.InputLayout.Ndjson,
        "json" => Encounters.InputLayout.Json,
        _ => Encounters.InputLayout.Guess,
    };

    public static Option<string> Rules(string defaultRules) => new("--rules", "-r")
    {
        Description = "Rules folder (default: the rules/ folder of the repository the working directory is in, else the rules shipped with the tool)",
        DefaultValueFactory = _ => defaultRules,
    };
}
