using CodingRules.Diagnostics;
using CodingRules.Formatting;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace CodingRules.Tests.Formatting;

/// <summary>
/// The formatter's invariants, checked from outside it: the formatted text loads to the same document (the content
/// hash), holds the same comments (YamlDotNet's own scanner counts them), and formats to itself.
/// </summary>
internal static class FormatChecks
{
    /// <summary>Formats <paramref name="text"/>, asserts the invariants and returns the formatted text.</summary>
    public static string Formatted(string text, bool isTestFile = false)
    {
        var result = YamlFormatter.Format(SourceText.From("input.yaml", text), isTestFile);
        Assert.True(result.Succeeded, $"not formatted: {result.Refusal} {string.Join("; ", result.Diagnostics)}\n{text}");
        var formatted = result.Text!;
        Assert.Equal(Hash(text), Hash(formatted));
        Assert.Equal(Comments(text), Comments(formatted));
        Assert.Equal(formatted, YamlFormatter.Format(SourceText.From("input.yaml", formatted), isTestFile).Text);
        Assert.EndsWith("\n", formatted, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', formatted);
        Assert.DoesNotContain(" \n", formatted, StringComparison.Ordinal);
        return formatted;
    }

    /// <summary>The content hash of the document the loader reads from <paramref name="text"/>.</summary>
    public static string Hash(string text)
    {
        var bag = new DiagnosticBag();
        var document = YamlDocumentReader.Read(SourceText.From("input.yaml", WithoutByteOrderMark(text)), bag);
        Assert.True(document is not null, string.Join("; ", bag.ToSortedArray()));
        return ContentHash.Of(document);
    }

    /// <summary>
    /// The text without its first character when that is a byte order mark, as the formatter reads it (and the file
    /// reader a file's bytes): a second one is a character of the text.
    /// </summary>
    public static string WithoutByteOrderMark(string text) => text.StartsWith('\uFEFF') ? text[1..] : text;

    /// <summary>The comments of a YAML text, sorted (reordered keys take their comments with them).</summary>
    public static List<string> Comments(string text)
    {
        var scanner = new Scanner(new StringReader(WithoutByteOrderMark(text)), skipComments: false);
        var comments = new List<string>();
        while (scanner.MoveNext())
        {
            if (scanner.Current is Comment comment)
            {
                comments.Add(comment.Value.TrimEnd());
            }
        }

        comments.Sort(StringComparer.Ordinal);
        return comments;
    }
}
