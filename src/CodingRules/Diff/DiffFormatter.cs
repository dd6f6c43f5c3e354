using System.Collections.Immutable;
using System.Text;

namespace CodingRules.Diff;

/// <summary>
/// Writes the changes of <see cref="RuleDiff"/> (and, when given, an <see cref="ImpactReport"/>) for people and
/// tools: <c>text</c> for a terminal, <c>markdown</c> to paste into a review, <c>json</c> in the shape of
/// <c>schemas/diff.schema.json</c>. The changes are written in the order given (RuleDiff sorts them), so the same
/// changes always give the same output. Stateless and thread-safe.
/// </summary>
public static partial class DiffFormatter
{
    /// <summary>
    /// One line per change under a <c>rule-set version</c> header: <c>+</c> added, <c>-</c> removed, <c>~</c>
    /// changed, then the change's sentence, then <c>was:</c>/<c>now:</c> file locations when known; a count line last.
    /// </summary>
    public static void WriteText(TextWriter output, ImmutableArray<RuleChange> changes, ImpactReport? impact = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var group in Groups(changes))
        {
            output.WriteLine($"{group.Key.RuleSet} {group.Key.Version}");
            foreach (var change in group)
            {
                output.WriteLine($"  {Sigil(change.Kind)} {change.Summary}");
                var where = Where(change);
                if (where.Length > 0)
                {
                    output.WriteLine($"      {where}");
                }
            }
        }

        output.WriteLine(CountLine(changes));
        if (impact is not null)
        {
            WriteImpactText(output, impact);
        }
    }

    /// <summary>A heading, then one table per rule set version (change, area, item, before, after).</summary>
    public static void WriteMarkdown(TextWriter output, ImmutableArray<RuleChange> changes, string beforeLabel, string afterLabel, ImpactReport? impact = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"## Rule changes: {Cell(beforeLabel)} → {Cell(afterLabel)}");
        output.WriteLine();
        output.WriteLine(CountLine(changes));
        foreach (var group in Groups(changes))
        {
            output.WriteLine();
            output.WriteLine($"### {Cell(group.Key.RuleSet)} {Cell(group.Key.Version)}");
            output.WriteLine();
            output.WriteLine("| change | area | item | what changed | before | after | where |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var c in group)
            {
                // Note: a changed item whose shown text is the same on both sides changed in a part the text leaves
                // out (a check's source or message); the "what changed" column says which.
                var same = c.Kind == ChangeKind.Changed && c.Before == c.After;
                output.WriteLine($"| {Kind(c.Kind)} | {Cell(c.Area)} | {Cell(c.Item)} | {(c.Kind == ChangeKind.Changed ? Cell(c.Summary) : "—")} | {(same ? "(same as after)" : Code(c.Before))} | {Code(c.After)} | {Cell(Where(c)).Replace("  now:", "<br>now:", StringComparison.Ordinal)} |");
            }
        }

        if (impact is not null)
        {
            WriteImpactMarkdown(output, impact);
        }
    }

    private static IEnumerable<IGrouping<(string RuleSet, string Version), RuleChange>> Groups(ImmutableArray<RuleChange> changes) =>
        (changes.IsDefault ? [] : changes).GroupBy(c => (c.RuleSet, c.Version));

    internal static string CountLine(ImmutableArray<RuleChange> changes)
    {
        var list = changes.IsDefault ? [] : changes;
        var n = list.Length;
        return $"{n} change{(n == 1 ? string.Empty : "s")}: {list.Count(c => c.Kind == ChangeKind.Added)} added, " +
            $"{list.Count(c => c.Kind == ChangeKind.Removed)} removed, {list.Count(c => c.Kind == ChangeKind.Changed)} changed";
    }

    private static string Where(RuleChange c)
    {
        var parts = new List<string>(2);
        if (c.BeforeLocation is { } b)
        {
            parts.Add($"was: {b.Path}:{b.Line}");
        }

        if (c.AfterLocation is { } a)
        {
            parts.Add($"now: {a.Path}:{a.Line}");
        }

        return string.Join("  ", parts);
    }

    private static char Sigil(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => '+',
        ChangeKind.Removed => '-',
        _ => '~',
    };

    internal static string Kind(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A value as inline code in a table cell; an absent value is an em dash.</summary>
    private static string Code(string? value) =>
        value is null ? "—" : "`" + Cell(value).Replace("`", "'", StringComparison.Ordinal) + "`";

    /// <summary>Text safe inside a markdown table cell: pipes escaped, line breaks folded.</summary>
    internal static string Cell(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '|' => b.Append("\\|"),
                '\r' or '\n' => b.Append(' '),
                _ => b.Append(ch),
            };
        }

        return b.ToString();
    }
}
