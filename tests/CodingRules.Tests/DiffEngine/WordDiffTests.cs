using CodingRules.Diff;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.DiffEngine;

/// <summary>The word-level difference: what it marks, that it always rebuilds both texts, and its bound.</summary>
public sealed class WordDiffTests
{
    [Theory]
    [InlineData("one unit per joint", "one unit in total", "one unit [-per joint-]{+in total+}")]
    [InlineData("https://example.org/a/rci", "https://example.org/a/rci-moved", "https://example.org/a/rci{+-moved+}")]
    [InlineData("first joint", "first joint (reworded)", "first joint {+(reworded)+}")]
    [InlineData("a b c", "a c", "a [-b-] c")]
    public void MarksOnlyTheWordsThatChanged(string before, string after, string expected) =>
        Assert.Equal(expected, WordDiff.Marked(before, after));

    [Fact]
    public void EqualTextsHaveNoDifference() => Assert.Null(WordDiff.Marked("the same", "the same"));

    [Fact]
    public void LongSharedTextIsCutToTheWordsAroundTheChange()
    {
        var shared = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"w{i}"));

        var marked = WordDiff.Marked(shared + " old " + shared, shared + " new " + shared)!;

        Assert.StartsWith("…", marked, StringComparison.Ordinal);
        Assert.EndsWith("…", marked, StringComparison.Ordinal);
        Assert.Contains("w40 [-old-]{+new+} w1", marked, StringComparison.Ordinal);
        Assert.True(marked.Length < 80, marked);
    }

    [Fact]
    public void TextsBeyondTheBoundAreOneRemovalAndOneAddition()
    {
        var before = string.Join(' ', Enumerable.Range(0, WordDiff.MaxWords).Select(i => $"a{i}")) + " end";
        var after = "start " + string.Join(' ', Enumerable.Range(0, WordDiff.MaxWords).Select(i => $"b{i}"));

        var pieces = WordDiff.Compare(before, after);

        Assert.Equal([WordChange.Removed, WordChange.Added], pieces.Select(p => p.Change));
    }

    [Property(MaxTest = 300)]
    public Property TheSharedAndRemovedPiecesAreTheTextBeforeAndTheSharedAndAddedTheTextAfter() =>
        Prop.ForAll(
            Arb.From(from a in Words() from b in Words() select (a, b)),
            input =>
            {
                var (before, after) = input;
                var pieces = WordDiff.Compare(before, after);
                var rebuiltBefore = string.Concat(pieces.Where(p => p.Change != WordChange.Added).Select(p => p.Text));
                var rebuiltAfter = string.Concat(pieces.Where(p => p.Change != WordChange.Removed).Select(p => p.Text));
                return (rebuiltBefore == before).Label($"before: '{rebuiltBefore}'").And(rebuiltAfter == after).Label($"after: '{rebuiltAfter}'");
            });

    private static Gen<string> Words() =>
        Gen.ListOf(Gen.Elements("a", "b", "c", " ", "  ", "-", "/", "x1", ".")).Select(l => string.Concat(l));
}
