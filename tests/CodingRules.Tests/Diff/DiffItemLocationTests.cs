using System.Text.Json;
using System.Text.RegularExpressions;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Diff;

/// <summary>
/// Issue 11's acceptance: one changed table row, code description, ladder step and source address each give a change
/// naming that item at its own line on both sides, in text, markdown and JSON, with the changed words marked; a
/// change of a template shared by many versions is listed once. The real CLI on two copies of the shipped rules.
/// </summary>
public sealed class DiffItemLocationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private sealed record Edit(string File, string Area, string Item, string Find, string Replace);

    private static readonly Edit[] Edits =
    [
        new("ncci-mue-practitioner/2026-10-practitioner-mue.txt", "table mue row", "64636", "64636\t4\t", "64636\t5\t"),
        new("cpt-facet-joint-destruction/2012-01.yaml", "code", "64635", "lumbar or sacral, first joint\n", "lumbar or sacral, first joint (reworded)\n"),
        new("cpt-facet-joint-destruction/2012-01.yaml", "ladder", "lumbar-sacral step 2", "{ code: \"64636\", from: 2, units: per-joint }", "{ code: \"64636\", from: 2, units: once }"),
        new("medicare-facet-lcd/2021.yaml", "source", "LCDR-2", "180296-article/rci\n", "180296-article/rci-moved\n"),
    ];

    /// <summary>The line each edited item is written at: the item's first line (a code's entry, a ladder step, a source, a row).</summary>
    private static readonly Dictionary<string, string> ItemLine = new()
    {
        ["64636"] = "64636\t",
        ["64635"] = "  - code: \"64635\"",
        ["lumbar-sacral step 2"] = "{ code: \"64636\", from: 2",
        ["LCDR-2"] = "  - id: LCDR-2",
    };

    private (string Before, string After) Sides()
    {
        var before = Path.Combine(_folder.Path, "before");
        var after = Path.Combine(_folder.Path, "after");
        Copy(ShippedRules.Folder, before);
        Copy(ShippedRules.Folder, after);
        foreach (var edit in Edits)
        {
            var path = Path.Combine(after, edit.File);
            var text = File.ReadAllText(path);
            Assert.Equal(1, Count(text, edit.Find));
            File.WriteAllText(path, text.Replace(edit.Find, edit.Replace, StringComparison.Ordinal));
        }

        return (before, after);
    }

    private static int Count(string text, string fragment) => (text.Length - text.Replace(fragment, string.Empty, StringComparison.Ordinal).Length) / fragment.Length;

    private static int LineOf(string file, string item)
    {
        var text = File.ReadAllText(file);
        var at = text.IndexOf(ItemLine[item], StringComparison.Ordinal);
        Assert.True(at >= 0, $"{item} in {file}");
        return text[..at].Count(c => c == '\n') + 1;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void EachChangedItemIsNamedAtItsOwnLineOnBothSidesInEveryFormat()
    {
        var (before, after) = Sides();

        var text = CliProcess.Run(null, "diff", before, after);
        var markdown = CliProcess.Run(null, "diff", before, after, "--format", "markdown");
        var json = CliProcess.Run(null, "diff", before, after, "--format", "json");

        Assert.True(text.ExitCode == 1, text.ToString()); // differences found
        using var document = JsonDocument.Parse(json.Out);
        var changes = document.RootElement.GetProperty("changes").EnumerateArray().ToList();
        foreach (var edit in Edits)
        {
            var (was, now) = (LineOf(Path.Combine(before, edit.File), edit.Item), LineOf(Path.Combine(after, edit.File), edit.Item));
            // Paths are shown as the CLI was given them, relative to its working directory.
            var file = Regex.Escape(edit.File);
            Assert.Matches($@"was: \S*before/{file}:{was}  now: \S*after/{file}:{now}\n", text.Out);
            Assert.Matches($@"was: \S*before/{file}:{was}<br>now: \S*after/{file}:{now} \|", markdown.Out);
            var change = changes.First(c => c.GetProperty("area").GetString() == edit.Area && c.GetProperty("item").GetString() == edit.Item);
            Assert.Equal((was, now), (change.GetProperty("beforeLocation").GetProperty("line").GetInt32(), change.GetProperty("afterLocation").GetProperty("line").GetInt32()));
            Assert.NotNull(change.GetProperty("words").GetString());
        }

        Assert.Contains("one unit [-per joint-]{+in total+}", text.Out, StringComparison.Ordinal);
        Assert.Contains("rci{+-moved+}>", text.Out, StringComparison.Ordinal);
        Assert.Contains("~~per joint~~**in total**", markdown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AChangeOfATemplateIsListedOnceUnderEveryVersionBuiltOnIt()
    {
        var (before, after) = Sides();

        var text = CliProcess.Run(null, "diff", before, after);

        Assert.Equal(1, Count(text.Out, "~ source LCDR-2 changed"));
        Assert.Contains(text.OutLines, l => l.StartsWith("17 versions: medicare-facet-lcd-cgs 2021-05-02, ", StringComparison.Ordinal));
        Assert.Contains("20 changes: 0 added, 0 removed, 20 changed (4 distinct", text.OutLines[^1], StringComparison.Ordinal);
    }
}
