using System.Globalization;
using System.Text;
using CodingRules.Diagnostics;
using CodingRules.Formatting;
using CodingRules.Loading;
using CodingRules.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Formatting;

/// <summary>
/// The formatter's invariants over generated texts: it never throws; whatever the loader reads, it formats (it
/// refuses only complex keys) to the same document with the same comments, and formatting that again changes nothing.
/// </summary>
public sealed class FormatterProperties
{
    private const string YamlAlphabet = ":-[]{}#&*!|>'\"\n\t ,?%@`.abcxyzABC019 ";

    private static readonly string[] YamlTokens =
    [
        .. YamlAlphabet.Select(c => c.ToString()),
        "ruleSet: ", "checks:\n", "  - id: x\n", "when: ", "# c\n", " # c", "  # c\n", "key: |\n  lit\n", "k: >-\n  fold\n",
        "'", "\"\\u0000\"", "\t", "\r\n", "é", "🦴", "\uFEFF", "yes", "2012-01-01", "\"1\"", "[a, b]", "{ k: v }", "\n\n",
    ];

    private static readonly Lazy<string> ShippedText = new(() =>
        File.ReadAllText(Path.Combine(ShippedRules.Folder, "medicare-facet-lcd", "2021.yaml")));

    private static Gen<string> YamlishText { get; } =
        from tokens in Gen.Choose(0, 80).SelectMany(n => Gen.ArrayOf(Gen.Elements(YamlTokens), n))
        select string.Concat(tokens);

    private static Gen<string> MutatedShippedText { get; } =
        from edits in Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(
            from at in Gen.Choose(0, int.MaxValue)
            from delete in Gen.Elements(true, false)
            from token in Gen.Elements(YamlTokens)
            select (at, delete, token),
            n))
        select Edit(ShippedText.Value, edits);

    private static readonly string[] Words = ["a", "x y", "it's", "\"q\"", "#h", "a: b", "- d", "2012-01-01", "64635", "yes", "", " lead", "trail ", "line\nbreak", "end\n", "tab\tin", "é🦴", "[f]", "{m}", "L4-L5", "~", "1.5"];

    [Property(MaxTest = 300)]
    public Property FormattingNeverThrowsOnYamlishText() => Prop.ForAll(Arb.From(YamlishText), KeepsTheDocument);

    [Property(MaxTest = 200)]
    public Property FormattingNeverThrowsOnAMutatedShippedFile() => Prop.ForAll(Arb.From(MutatedShippedText), KeepsTheDocument);

    [Property(MaxTest = 300)]
    public Property AGeneratedDocumentWithCommentsFormatsToItself() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed => KeepsTheDocument(Generate(new Random(seed), 0, 0) + "\n"));

    [Fact]
    public void TheGeneratedTextsAreMostlyDocumentsTheLoaderReads()
    {
        static bool Loads(string text) => YamlDocumentReader.Read(SourceText.From("gen.yaml", text), new DiagnosticBag()) is not null;
        var generated = Enumerable.Range(0, 200).Count(seed => Loads(Generate(new Random(seed), 0, 0) + "\n"));
        var mutated = MutatedShippedText.Sample(100).Count(Loads);
        Assert.True(generated >= 180, $"{generated} of 200 generated documents load");
        Assert.True(mutated >= 20, $"{mutated} of 100 mutated shipped files load");
    }

    private static Property KeepsTheDocument(string text)
    {
        FormatResult result;
        try
        {
            result = YamlFormatter.Format(SourceText.From("gen.yaml", text), isTestFile: false);
        }
#pragma warning disable CA1031 // Note: the property is exactly that nothing escapes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return false.Label($"threw {e.GetType().Name}: {e.Message}\n{text}");
        }

        // Note: the formatter reads the text as the loader would without one byte order mark (a second one is a
        // character of the text). It refuses complex keys ("[a, b]: 1"), which the loader reports (CR1011) but reads
        // on, and may refuse explicit keys ("- ?"), whose empty key YamlDotNet does not read back when written ":".
        var read = new DiagnosticBag();
        var loads = YamlDocumentReader.Read(SourceText.From("gen.yaml", FormatChecks.WithoutByteOrderMark(text)), read) is not null;
        if (!result.Succeeded)
        {
            var complexKey = read.ToSortedArray().Any(d => d.Descriptor.Id == "CR1011");
            return (!loads || complexKey || text.Contains('?', StringComparison.Ordinal)).Label($"loads but refused: {result.Refusal}\n{text}");
        }

        var formatted = result.Text!;
        var again = YamlFormatter.Format(SourceText.From("gen.yaml", formatted), isTestFile: false).Text;
        return (FormatChecks.Hash(text) == FormatChecks.Hash(formatted)).Label($"another document:\n{text}\n---\n{formatted}")
            .And(FormatChecks.Comments(text).SequenceEqual(FormatChecks.Comments(formatted))).Label($"other comments:\n{text}\n---\n{formatted}")
            .And(again == formatted).Label($"not stable:\n{formatted}\n---\n{again}");
    }

    /// <summary>A random document in a random layout: block or flow, every scalar style, comments and blank lines.</summary>
#pragma warning disable CA5394 // Note: seeded randomness for test input, not security.
    private static string Generate(Random random, int indent, int depth)
    {
        var text = new StringBuilder();
        var pad = new string(' ', indent);
        var entries = random.Next(1, 5);
        var isSequence = depth > 0 && random.Next(3) == 0;
        for (var i = 0; i < entries; i++)
        {
            if (random.Next(4) == 0)
            {
                text.Append(random.Next(2) == 0 ? "\n" : string.Empty).Append(pad).Append("# comment ").Append(i).Append('\n');
            }

            text.Append(pad).Append(isSequence ? "- " : Key(random, i) + ":");
            var kind = depth >= 4 ? 0 : random.Next(5);
            var inner = indent + 2;
            switch (kind)
            {
                case 0 or 1:
                    text.Append(isSequence ? string.Empty : " ").Append(Scalar(random, inner, flow: false));
                    break;
                case 2:
                    text.Append(isSequence ? string.Empty : " ").Append(Flow(random, depth));
                    break;
                default:
                    var nested = Generate(random, isSequence ? indent + 2 : inner, depth + 1);
                    text.Append(isSequence ? nested.TrimStart() : "\n" + nested);
                    continue;
            }

            text.Append(random.Next(4) == 0 ? " # trailing" : string.Empty).Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static string Key(Random random, int i) =>
        random.Next(6) == 0 ? "\"" + Escape(Words[random.Next(Words.Length)]) + i.ToString(CultureInfo.InvariantCulture) + "\"" : "key" + i.ToString(CultureInfo.InvariantCulture);

    private static string Flow(Random random, int depth)
    {
        var items = Enumerable.Range(0, random.Next(0, 4)).Select(i => depth < 3 && random.Next(4) == 0 ? Flow(random, depth + 1) : Scalar(random, 0, flow: true));
        return random.Next(2) == 0
            ? "[" + string.Join(", ", items) + "]"
            : "{ " + string.Join(", ", items.Select((v, i) => "k" + i.ToString(CultureInfo.InvariantCulture) + ": " + v)) + " }";
    }

    private static string Scalar(Random random, int indent, bool flow)
    {
        var value = random.Next(8) switch
        {
            0 => string.Join(' ', Enumerable.Repeat("word", random.Next(1, 40))),
            1 => string.Join(" and\n", Enumerable.Repeat("procedure.kind == \"k\"", random.Next(1, 12))) + "\n",
            _ => Words[random.Next(Words.Length)],
        };
        switch (flow ? random.Next(2) : random.Next(4))
        {
            case 0:
                return "\"" + Escape(value) + "\"";
            case 1:
                return value.All(c => c is >= ' ' and not '\u007f') ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : "\"" + Escape(value) + "\"";
            case 2 when value.Length > 0 && !value.Contains('\r', StringComparison.Ordinal) && value.Split('\n').All(l => l.Length == 0 || (l[0] != ' ' && !l.EndsWith(' ') && !l.Contains('\t', StringComparison.Ordinal))):
                return "|-\n" + string.Join('\n', value.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : new string(' ', indent) + l)).TrimEnd('\n');
            default:
                return "\"" + Escape(value) + "\"";
        }
    }
#pragma warning restore CA5394

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static string Edit(string text, IEnumerable<(int At, bool Delete, string Token)> edits)
    {
        var builder = new StringBuilder(text);
        foreach (var (at, delete, token) in edits)
        {
            var i = at % (builder.Length + 1);
            if (delete && i < builder.Length)
            {
                builder.Remove(i, Math.Min(1 + (at % 7), builder.Length - i));
            }
            else
            {
                builder.Insert(i, token);
            }
        }

        return builder.ToString();
    }
}
