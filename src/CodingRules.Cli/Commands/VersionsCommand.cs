using System.CommandLine;
using System.Globalization;

namespace CodingRules.Cli.Commands;

/// <summary><c>codingrules versions [ID] [--rules DIR]</c>: every loaded version with its period, hash and file.</summary>
internal static class VersionsCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var id = new Argument<string?>("id") { Description = "A rule set id (default: all rule sets)", Arity = ArgumentArity.ZeroOrOne };
        var rules = Options.Rules(defaultRules);
        var command = new Command("versions", "List rule set versions: id, version, kind, from, until, what each extends, sha256, file.") { id, rules };
        command.SetAction(parse =>
        {
            var catalog = RuleLoading.LoadOrReport(console, parse.GetValue(rules)!);
            if (catalog is null)
            {
                return ExitCodes.Usage;
            }

            var wanted = parse.GetValue(id);
            var versions = catalog.RuleSets.Where(r => wanted is null || r.Id == wanted).ToList();
            if (versions.Count == 0)
            {
                console.Error.WriteLine($"codingrules: no rule set '{wanted}'; loaded: {string.Join(", ", catalog.RuleSetIds)}");
                return ExitCodes.Problems;
            }

            var rows = versions.Select(r => new[]
            {
                r.Id,
                r.Version,
                r.Kind,
                Iso(r.Effective.From),
                r.Effective.Until is { } u ? Iso(u) + (r.UntilDerived ? " (next starts)" : string.Empty) : "-",
                r.Extends ?? "-",
                r.Sha256,
                Path.GetRelativePath(Directory.GetCurrentDirectory(), r.Location.Path),
            }).ToList();
            string[] header = ["ID", "VERSION", "KIND", "FROM", "UNTIL", "EXTENDS", "SHA256", "FILE"];
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
            console.Out.WriteLine(Row(header, widths));
            foreach (var row in rows)
            {
                console.Out.WriteLine(Row(row, widths));
            }

            // Which folder the versions come from, on standard error so that the table stays a table.
            console.Error.WriteLine($"codingrules: rules loaded from {Path.GetFullPath(parse.GetValue(rules)!)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
