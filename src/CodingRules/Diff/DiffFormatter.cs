using System.Collections.Immutable;
using System.Text;

namespace CodingRules.Diff;

/// <summary>
/// Writes the changes of <see cref="RuleDiff"/> (and, when given, an <see cref="ImpactReport"/>, or the report of an
/// impact replay it runs, streamed) for people and tools: <c>text</c> for a terminal, <c>markdown</c> to paste into a
/// review, <c>json</c> in the shape of <c>schemas/diff.schema.json</c>. The changes are written in the order given
/// (RuleDiff sorts them), so the same changes always give the same output. Stateless and thread-safe; a streamed
/// report is the same, byte for byte, as the report kept in memory.
/// </summary>
public static partial class DiffFormatter
{
    /// <summary>
    /// One line per change under a <c>rule-set version</c> header: <c>+</c> added, <c>-</c> removed, <c>~</c>
    /// changed, then the change's sentence, then <c>was:</c>/<c>now:</c> file locations when known; a count line last;
    /// then the impact section when <paramref name="impact"/> is given (to write a replay of any size without keeping
    /// it in memory, see the overload that runs the replay).
    /// </summary>
    public static void WriteText(TextWriter output, ImmutableArray<RuleChange> changes, ImpactReport? impact = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (impact is null)
        {
            WriteChangesText(output, changes);
        }
        else
        {
            _ = WriteText(output, changes, impact.WriteTo, ImpactSpill.InMemory);
        }
    }

    /// <summary>A heading, then one table per rule set version (change, area, item, before, after); then the impact section when given.</summary>
    public static void WriteMarkdown(TextWriter output, ImmutableArray<RuleChange> changes, string beforeLabel, string afterLabel, ImpactReport? impact = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (impact is null)
        {
            WriteChangesMarkdown(output, changes, beforeLabel, afterLabel);
        }
        else
        {
            _ = WriteMarkdown(output, changes, beforeLabel, afterLabel, impact.WriteTo, ImpactSpill.InMemory);
        }
    }

    private static void WriteChangesText(TextWriter output, ImmutableArray<RuleChange> changes)
    {
        foreach (var (versions, group) in Blocks(changes))
        {
            output.WriteLine(Header(versions));
            foreach (var change in group)
            {
                output.WriteLine($"  {Sigil(change.Kind)} {change.Summary}");
                if (Words(change, WordDiff.Marked) is { } words)
                {
                    output.WriteLine($"      words: {words}");
                }

                var where = Where(change);
                if (where.Length > 0)
                {
                    output.WriteLine($"      {where}");
                }
            }
        }

        output.WriteLine(CountLine(changes));
    }

    private static void WriteChangesMarkdown(TextWriter output, ImmutableArray<RuleChange> changes, string beforeLabel, string afterLabel)
    {
        output.WriteLine($"## Rule changes: {Cell(beforeLabel)} → {Cell(afterLabel)}");
        output.WriteLine();
        output.WriteLine(CountLine(changes));
        foreach (var (versions, group) in Blocks(changes))
        {
            output.WriteLine();
            output.WriteLine($"### {Cell(versions.Count == 1 ? Header(versions) : $"{versions.Count} versions")}");
            output.WriteLine();
            if (versions.Count > 1)
            {
                output.WriteLine($"The same change in each of: {Cell(string.Join(", ", versions.Select(v => $"{v.RuleSet} {v.Version}")))}.");
                output.WriteLine();
            }

            output.WriteLine("| change | area | item | what changed | before | after | where |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var c in group)
            {
                // Note: a changed item whose shown text is the same on both sides changed in a part the text leaves
                // out (a check's source or message); the "what changed" column says which.
                var same = c.Kind == ChangeKind.Changed && c.Before == c.After;
                var what = c.Kind != ChangeKind.Changed ? "—" : Words(c, WordDiff.Markdown) is { } words ? Cell(words) : Cell(c.Summary);
                output.WriteLine($"| {Kind(c.Kind)} | {Cell(c.Area)} | {Cell(c.Item)} | {what} | {(same ? "(same as after)" : Code(c.Before))} | {Code(c.After)} | {Cell(Where(c)).Replace("  now:", "<br>now:", StringComparison.Ordinal)} |");
            }
        }
    }

    /// <summary>
    /// The changes in blocks of the versions they apply to: a change written once in a template or a library shows up
    /// identically in every version built on it, and is listed once, under all of those versions.
    /// </summary>
    private static List<(List<(string RuleSet, string Version)> Versions, List<RuleChange> Changes)> Blocks(ImmutableArray<RuleChange> changes)
    {
        var where = new Dictionary<RuleChange, List<(string, string)>>(SameChange.Instance);
        var order = new List<RuleChange>();
        foreach (var change in changes.IsDefault ? [] : changes)
        {
            if (!where.TryGetValue(change, out var versions))
            {
                where[change] = versions = [];
                order.Add(change);
            }

            if (!versions.Contains((change.RuleSet, change.Version)))
            {
                versions.Add((change.RuleSet, change.Version));
            }
        }

        var blocks = new List<(List<(string RuleSet, string Version)> Versions, List<RuleChange> Changes)>();
        var bySignature = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var change in order)
        {
            var versions = where[change];
            var signature = string.Join("\n", versions.Select(v => $"{v.Item1}\t{v.Item2}"));
            if (!bySignature.TryGetValue(signature, out var index))
            {
                bySignature[signature] = index = blocks.Count;
                blocks.Add((versions, []));
            }

            blocks[index].Changes.Add(change);
        }

        return blocks;
    }

    private static string Header(List<(string RuleSet, string Version)> versions) =>
        versions.Count == 1
            ? $"{versions[0].RuleSet} {versions[0].Version}"
            : $"{versions.Count} versions: {string.Join(", ", versions.Select(v => $"{v.RuleSet} {v.Version}"))}";

    /// <summary>The word-level difference of a changed item whose texts are too long to read side by side; else null.</summary>
    private static string? Words(RuleChange change, Func<string, string, string?> render) =>
        change is { Kind: ChangeKind.Changed, Before: { } before, After: { } after } && before != after && Math.Max(before.Length, after.Length) > ShortText
            ? WordDiff.Readable(before, after, render)
            : null;

    /// <summary>Texts up to this long are read whole on both sides; longer ones get a word-level difference.</summary>
    private const int ShortText = 40;

    /// <summary>
    /// Two changes are the same when they say the same of the same item at the same places, whatever the version: a
    /// change of a template or library (or of one file two versions share) written once.
    /// </summary>
    private sealed class SameChange : IEqualityComparer<RuleChange>
    {
        public static readonly SameChange Instance = new();

        public bool Equals(RuleChange? x, RuleChange? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Kind == y.Kind && x.Area == y.Area && x.Item == y.Item
                && x.Before == y.Before && x.After == y.After && x.Summary == y.Summary && x.BeforeLocation == y.BeforeLocation && x.AfterLocation == y.AfterLocation);

        public int GetHashCode(RuleChange obj) => HashCode.Combine(obj.Kind, obj.Area, obj.Item, obj.Summary);
    }

    internal static string CountLine(ImmutableArray<RuleChange> changes)
    {
        var list = changes.IsDefault ? [] : changes;
        var n = list.Length;
        var distinct = list.Distinct(SameChange.Instance).Count();
        return $"{n} change{(n == 1 ? string.Empty : "s")}: {list.Count(c => c.Kind == ChangeKind.Added)} added, " +
            $"{list.Count(c => c.Kind == ChangeKind.Removed)} removed, {list.Count(c => c.Kind == ChangeKind.Changed)} changed" +
            (distinct < n ? $" ({distinct} distinct: a change of a file several versions share is listed once, under all of them)" : string.Empty);
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
