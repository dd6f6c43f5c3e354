using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Text;
using YamlDotNet.Core;

namespace CodingRules.Formatting;

/// <summary>
/// Lays out rule, library and test files in one canonical layout (docs/authoring.md, "Formatting") and keeps what
/// they say: the formatted text loads to the same document (<see cref="ContentHash"/>), holds the same comments,
/// and formats to itself. Each result is checked for all three before it is returned; a text that would fail any of
/// them is refused, never changed. Never throws for any input text; thread-safe.
/// </summary>
public static class YamlFormatter
{
    /// <summary>
    /// The canonical text of <paramref name="source"/>, laid out by the schema of test files when
    /// <paramref name="isTestFile"/> (see <see cref="RuleFileReader.IsTestFile"/>), else of rule files. Cost: linear
    /// in the text's size times its nesting depth, both bounded by <see cref="LoadLimits"/>; its text and the
    /// formatted text are each parsed twice (loader and layout), and the layout written twice.
    /// </summary>
    public static FormatResult Format(SourceText source, bool isTestFile)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Content.StartsWith('\uFEFF'))
        {
            source = SourceText.From(source.Path, source.Content[1..]);
        }

        var order = isTestFile ? SchemaKeyOrder.RuleSetTests : SchemaKeyOrder.RuleSet;
        var diagnostics = new DiagnosticBag();
        if (YamlDocumentReader.Read(source, diagnostics) is not { } document)
        {
            return new FormatResult(null, diagnostics.ToSortedArray(), null);
        }

        if (Layout(source, order) is not var (text, comments))
        {
            return new FormatResult(null, [], "it holds YAML the canonical layout does not write (a complex key?)");
        }

        var formatted = SourceText.From(source.Path, text);
        if (YamlDocumentReader.Read(formatted, new DiagnosticBag()) is not { } again || ContentHash.Of(again) != ContentHash.Of(document))
        {
            return new FormatResult(null, [], "laid out, it would load to a different document");
        }

        if (Layout(formatted, order) is not var (twice, commentsAgain) || twice != text)
        {
            return new FormatResult(null, [], "laid out, it would not stay as laid out when formatted again");
        }

        if (!comments.Order(StringComparer.Ordinal).SequenceEqual(commentsAgain.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return new FormatResult(null, [], "laid out, it would lose or change a comment");
        }

        return new FormatResult(text, [], null);
    }

    private static (string Text, IReadOnlyList<string> Comments)? Layout(SourceText source, SchemaKeyOrder order)
    {
        try
        {
            var layout = LayoutReader.Read(source);
            return (LayoutWriter.Write(layout, order), layout.Comments);
        }
        catch (YamlException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
