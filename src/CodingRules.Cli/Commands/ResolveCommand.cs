using System.CommandLine;
using System.Globalization;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules resolve ID --date YYYY-MM-DD [--rules DIR]</c>: which version is in force on the date and why.
/// Exit 0 when one is in force, 1 when none is, 2 for usage errors.
/// </summary>
internal static class ResolveCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var id = new Argument<string>("id") { Description = "The rule set id" };
        var date = new Option<string>("--date", "-d") { Description = "Date of service, YYYY-MM-DD", Required = true };
        var rules = Options.Rules(defaultRules);
        var command = new Command("resolve", "Tell which version of a rule set is in force on a date, and why.") { id, date, rules };
        command.SetAction(parse =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                console.Error.WriteLine($"codingrules: '{parse.GetValue(date)}' is not a date (YYYY-MM-DD)");
                return ExitCodes.Usage;
            }

            var catalog = RuleLoading.LoadOrReport(console, parse.GetValue(rules)!);
            if (catalog is null)
            {
                return ExitCodes.Usage;
            }

            var resolution = catalog.Resolve(parse.GetValue(id)!, day);
            console.Out.WriteLine(resolution.Explanation);
            if (resolution.InForce is { } v)
            {
                console.Out.WriteLine($"  sha256 {v.Sha256}");
                console.Out.WriteLine($"  file   {Path.GetRelativePath(Directory.GetCurrentDirectory(), v.Location.Path)}");
            }

            return resolution.InForce is null ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }
}
