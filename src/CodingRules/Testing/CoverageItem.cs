using System.Globalization;
using CodingRules.Text;

namespace CodingRules.Testing;

/// <summary>
/// One part of the rule sets that test cases can exercise, identified by where it is written: the file that writes it
/// (<see cref="Owner"/>, a rule set version, a template or a library), its kind and its name. A template's check is one
/// item however many versions extend the template; it counts the evaluations of all of them.
/// </summary>
/// <param name="Owner">The file's rule set version (<c>id@version</c>), template (<c>id@version (template)</c>) or library (<c>library id</c>).</param>
/// <param name="Kind">What the item is.</param>
/// <param name="Name">Its name: a check id, <c>step N of family (code, positions F..T)</c>, a family id, a finding id, <c>table key</c>.</param>
/// <param name="Location">Where it is written (a ladder step: its family).</param>
/// <param name="Evaluated">For a check: how often it was evaluated; otherwise equal to <paramref name="Hits"/>.</param>
/// <param name="Hits">How often it was exercised: a check fired, a step or family coded a line, a finding was raised, a key was found.</param>
public sealed record CoverageItem(string Owner, CoverageKind Kind, string Name, SourceLocation Location, int Evaluated, int Hits)
{
    /// <summary>For a check: the finding it raises; null otherwise.</summary>
    public string? Finding { get; init; }

    /// <summary>True when some test case exercised the item.</summary>
    public bool Covered => Hits > 0;

    /// <summary>What an uncovered item lacks, e.g. <c>check no-joints (E-NO-JOINTS) never fired (evaluated 12 times)</c>.</summary>
    public string Gap => Kind switch
    {
        CoverageKind.Check when Evaluated > 0 => $"check {Name} ({Finding}) never fired (evaluated {Evaluated.ToString(CultureInfo.InvariantCulture)} time{(Evaluated == 1 ? string.Empty : "s")})",
        CoverageKind.Check => $"check {Name} ({Finding}) never evaluated",
        CoverageKind.LadderStep => $"ladder {Name} never coded a line",
        CoverageKind.Family => $"family {Name} never coded a line",
        CoverageKind.Finding => $"finding {Name} never raised",
        _ => $"lookup row {Name} never read",
    };
}
