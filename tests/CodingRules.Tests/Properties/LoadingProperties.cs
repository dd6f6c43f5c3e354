using System.Text;
using System.Text.RegularExpressions;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Properties;

/// <summary>
/// Invariants of loading: it never throws on any generated document and every diagnostic points into the text; the
/// content hash of a rule set ignores comments and formatting.
/// </summary>
public sealed partial class LoadingProperties
{
    private const string YamlAlphabet = ":-[]{}#&*!|>'\"\n\t ,?%@`.abcxyzABC019 ";

    private static readonly string[] YamlTokens =
    [
        .. YamlAlphabet.Select(c => c.ToString()),
        "ruleSet: ", "checks:\n", "  - id: x\n", "when: ", "&a ", "*a", "!!str ", "!tag ", "---\n", "...\n", "%YAML 1.2\n",
        "{ id: C2-C3, region: cervical }", "<<: ", "'", "\"\\u0000\"", "\t", "\r\n", "é", "🦴", "\uFEFF", "\u0085", "\u2028",
    ];

    private static Gen<string> YamlishText { get; } =
        from tokens in Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(Gen.Elements(YamlTokens), n))
        select string.Concat(tokens);

    private static Gen<string> MutatedShippedText { get; } =
        from edits in Gen.Choose(1, 10).SelectMany(n => Gen.ArrayOf(
            from at in Gen.Choose(0, int.MaxValue)
            from kind in Gen.Choose(0, 4)
            from token in Gen.Elements(YamlTokens)
            select (at, kind, token),
            n))
        select Edit(PropertyTestPaths.FacetRuleText, edits);

    [Property(MaxTest = 300)]
    public Property LoadingNeverThrowsOnYamlishText() =>
        Prop.ForAll(Arb.From(YamlishText), LoadsWithPlacedDiagnostics);

    [Property(MaxTest = 300)]
    public Property LoadingNeverThrowsOnAMutatedShippedRuleFile() =>
        Prop.ForAll(Arb.From(MutatedShippedText), LoadsWithPlacedDiagnostics);

    [Property(MaxTest = 200)]
    public Property ReadingNeverThrowsOnYamlishText() =>
        Prop.ForAll(
            Arb.From(YamlishText),
            text =>
            {
                var bag = new DiagnosticBag();
                DocNode? root;
                try
                {
                    root = YamlDocumentReader.Read(SourceText.From("gen.yaml", text), bag);
                }
#pragma warning disable CA1031 // Note: the property is exactly that nothing escapes.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    return false.Label($"threw {e.GetType().Name}: {e.Message}\n{text}");
                }

                return (root is not null || bag.HasErrors).Label("no document and no error")
                    .And(bag.ToSortedArray().All(d => d.Location.Line >= 1 && d.Location.Column >= 1)).Label("a diagnostic is not placed");
            });

    /// <summary>Found by the properties above: YamlDotNet threw InvalidOperationException here (fixed in 372a0dd).</summary>
    [Theory]
    [InlineData(": {\na")]
    [InlineData("a: {b\n?]")]
    public void AnUnclosedFlowMappingAfterAnEmptyKeyIsASyntaxError(string text)
    {
        var bag = new DiagnosticBag();

        var root = YamlDocumentReader.Read(SourceText.From("gen.yaml", text), bag);

        Assert.Null(root);
        Assert.Equal("CR1001", Assert.Single(bag.ToSortedArray()).Id);
    }

    [Property(MaxTest = 100)]
    public Property TheContentHashIgnoresCommentsAndFormatting() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue)),
            seed =>
            {
                var reformatted = Reformat(PropertyTestPaths.FacetRuleText, seed);
                var (original, _) = PropertyTestPaths.Compile(PropertyTestPaths.FacetRuleText);
                var (again, diagnostics) = PropertyTestPaths.Compile(reformatted);
                return (original is not null && again is not null)
                    .Label($"does not compile: {string.Join("; ", diagnostics)}\n{reformatted}")
                    .And(original?.Sha256 == again?.Sha256)
                    .Label($"hash changed:\n{reformatted}");
            });

    [Fact]
    public void TheContentHashIgnoresAllCommentsAndBlankLines()
    {
        var lines = PropertyTestPaths.FacetRuleText.Split('\n');
        var stripped = string.Join('\n', lines.Where(l => !l.TrimStart().StartsWith('#') && l.Trim().Length > 0));

        var (original, _) = PropertyTestPaths.Compile(PropertyTestPaths.FacetRuleText);
        var (withoutComments, diagnostics) = PropertyTestPaths.Compile(stripped);

        Assert.Empty(diagnostics);
        Assert.Equal(original!.Sha256, withoutComments!.Sha256);
    }

    [Fact]
    public void TheContentHashChangesWhenARuleChanges()
    {
        var changed = PropertyTestPaths.FacetRuleText.Replace("< 80", "< 81", StringComparison.Ordinal);

        var (original, _) = PropertyTestPaths.Compile(PropertyTestPaths.FacetRuleText);
        var (edited, _) = PropertyTestPaths.Compile(changed);

        Assert.NotEqual(PropertyTestPaths.FacetRuleText, changed);
        Assert.NotEqual(original!.Sha256, edited!.Sha256);
    }

    private static Property LoadsWithPlacedDiagnostics(string text)
    {
        var bag = new DiagnosticBag();
        object? loaded;
        try
        {
            loaded = RuleFileLoader.LoadText(SourceText.From("gen.yaml", text), bag);
        }
#pragma warning disable CA1031 // Note: the property is exactly that nothing escapes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return false.Label($"threw {e.GetType().Name}: {e.Message}\n{text}");
        }

        var diagnostics = bag.ToSortedArray();
        var misplaced = diagnostics.Where(d => d.Location.Line < 1 || d.Location.Column < 1).ToList();
        return (misplaced.Count == 0).Label($"misplaced: {string.Join("; ", misplaced)}")
            .And(loaded is not null || bag.HasErrors).Label("nothing loaded and no error");
    }

    private static string Edit(string text, IEnumerable<(int At, int Kind, string Token)> edits)
    {
        var builder = new StringBuilder(text);
        foreach (var (at, kind, token) in edits)
        {
            var i = at % (builder.Length + 1);
            switch (kind)
            {
                case 0 when i < builder.Length:
                    builder.Remove(i, Math.Min(1 + (at % 7), builder.Length - i));
                    break;
                case 1:
                    builder.Insert(i, token);
                    break;
                case 2 when i < builder.Length:
                    builder.Remove(i, 1).Insert(i, token);
                    break;
                case 3 when at % 5 == 0:
                    builder.Length = i;
                    break;
                default:
                    builder.Insert(i, token);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Drops or adds full-line comments, adds blank lines and trailing comments before and on key lines (never
    /// inside a block scalar), swaps double quotes for single quotes, and respaces flow mappings.
    /// </summary>
    private static string Reformat(string text, int seed)
    {
#pragma warning disable CA5394 // Note: seeded randomness for test input, not security.
        var random = new Random(seed);
        var output = new List<string>();
        var blockIndent = -1;
        foreach (var line in text.Split('\n'))
        {
            // Note: the lines of a folded or literal block are its text, not keys or comments: kept as they are.
            var lineIndent = line.Length - line.TrimStart().Length;
            if (blockIndent >= 0 && (line.Trim().Length == 0 || lineIndent > blockIndent))
            {
                output.Add(line);
                continue;
            }

            blockIndent = BlockStart().IsMatch(line) ? lineIndent : -1;
            if (line.TrimStart().StartsWith('#') && random.Next(2) == 0)
            {
                continue;
            }

            var key = KeyLine().Match(line);
            if (key.Success)
            {
                var indent = key.Groups["indent"].Value;
                for (var n = random.Next(3); n > 0; n--)
                {
                    output.Add(random.Next(2) == 0 ? string.Empty : indent + "# added comment " + random.Next(100));
                }

                var value = line.TrimEnd();
                if (random.Next(3) == 0 && !value.EndsWith('>') && !value.EndsWith('|') && !value.EndsWith(':'))
                {
                    output.Add(value + new string(' ', 1 + random.Next(3)) + "# trailing, with: colons");
                    continue;
                }
            }

            if (QuotedValueLine().IsMatch(line) && !line.Contains('\'', StringComparison.Ordinal) && !line.Contains('\\', StringComparison.Ordinal) && random.Next(2) == 0)
            {
                output.Add(line.Replace('"', '\''));
                continue;
            }

            if (line.Contains("{ ", StringComparison.Ordinal) && line.TrimEnd().EndsWith('}') && !CommaInQuotes().IsMatch(line) && random.Next(2) == 0)
            {
                output.Add(line.Replace("{ ", "{", StringComparison.Ordinal).Replace(" }", "}", StringComparison.Ordinal).Replace(", ", " ,  ", StringComparison.Ordinal));
                continue;
            }

            output.Add(line);
        }
#pragma warning restore CA5394

        return string.Join('\n', output);
    }

    [GeneratedRegex(@"^\s*(- )?(\{ )?[A-Za-z]+: ""[^""]*""(,|\s*$)")]
    private static partial Regex QuotedValueLine();

    [GeneratedRegex(@"^(?<indent>\s*)(- )?[A-Za-z][A-Za-z0-9]*:( |$)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^\s*(- )?[A-Za-z][A-Za-z0-9]*: [>|][+-]?\s*$")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"""[^""]*,[^""]*""")]
    private static partial Regex CommaInQuotes();
}
