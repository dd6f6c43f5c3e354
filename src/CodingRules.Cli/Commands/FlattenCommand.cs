using System.CommandLine;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules flatten ID@VERSION [--rules DIR]</c>: the version as composed from its file, the templates it
/// extends and the libraries it imports, written out as one YAML file that builds on nothing. Loading that file alone
/// gives the same rule set. Exit 0, 1 when the version is not loaded, 2 for usage errors and rules with errors.
/// </summary>
internal static class FlattenCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var name = new Argument<string>("id@version") { Description = "The rule set version, e.g. my-policy@2021-04-25" };
        var rules = Options.Rules(defaultRules);
        var command = new Command("flatten", "Write a composed rule set version out flat: everything its bases and imports give it, in one file.")
        {
            name,
            rules,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(name)!;
            var at = text.LastIndexOf('@');
            if (at <= 0 || at == text.Length - 1)
            {
                console.Error.WriteLine($"codingrules: '{text}' is not ID@VERSION (e.g. my-policy@2021-04-25)");
                return ExitCodes.Usage;
            }

            var catalog = RuleLoading.LoadOrReport(console, parse.GetValue(rules)!);
            if (catalog is null)
            {
                return ExitCodes.Usage;
            }

            var (id, version) = (text[..at], text[(at + 1)..]);
            if (catalog.Flat(id, version) is not { } flat)
            {
                var known = catalog.Versions(id).Select(v => $"{v.Id}@{v.Version}").ToList();
                console.Error.WriteLine(known.Count == 0
                    ? $"codingrules: no rule set '{id}'; loaded: {string.Join(", ", catalog.RuleSetIds)}"
                    : $"codingrules: no version '{version}' of {id}; loaded: {string.Join(", ", known)}");
                return ExitCodes.Problems;
            }

            console.Out.Write(flat);
            return ExitCodes.Ok;
        });
        return command;
    }
}
