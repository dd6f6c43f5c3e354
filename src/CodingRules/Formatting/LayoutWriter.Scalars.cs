using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CodingRules.Loading;

namespace CodingRules.Formatting;

/// <summary>
/// How a scalar is written. A plain scalar that the YAML core schema reads as null, a boolean or a number is
/// written as it was (its type and its text stay). A text is written plain when plain is safe and no YAML reader
/// would take it for something else (see <see cref="IsPlainText"/>), else in double quotes, or in single quotes
/// when that needs fewer escapes (more <c>"</c> and <c>\</c> than <c>'</c>) and no character needs an escape. A text with line breaks, or too long for its line, is a block
/// scalar: literal when it was written literal, else folded and filled to the width, breaking only at single
/// spaces so that each break folds back to the space it replaced.
/// </summary>
internal sealed partial class LayoutWriter
{
    /// <summary>A block scalar: its header (indicator, chomping) and its lines without indentation.</summary>
    private sealed record BlockScalar(string Header, List<string> Lines);

    /// <summary>The scalar on one line, as a key or value in block (<paramref name="flow"/> false) or flow context.</summary>
    private static string Inline(LayoutScalar scalar, bool flow)
    {
        var value = scalar.Value;
        if (scalar.Style == WrittenStyle.Plain && YamlCoreSchema.Resolve(value) != YamlCoreSchema.PlainKind.String)
        {
            return value;
        }

        if (IsPlainText(value, flow))
        {
            return value;
        }

        // Note: double quotes, as the docs write versions and codes; single quotes when they need fewer escapes (an
        // expression with "texts" in it), as long as no character needs an escape at all.
        var prefersSingle = value.Count(c => c is '"' or '\\') > value.Count(c => c == '\'');
        return prefersSingle && value.All(IsSingleQuotable) ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : DoubleQuoted(value);
    }

    /// <summary>The block form of a text that needs one at <paramref name="column"/>, or null when it stays inline.</summary>
    private static BlockScalar? Block(LayoutScalar scalar, int column, int indent)
    {
        var value = scalar.Value;
        if (scalar.Style == WrittenStyle.Plain && YamlCoreSchema.Resolve(value) != YamlCoreSchema.PlainKind.String)
        {
            return null;
        }

        if (value.Contains('\n', StringComparison.Ordinal))
        {
            return (scalar.Style == WrittenStyle.Literal ? Literal(value) : null) ?? Folded(value, indent) ?? Literal(value);
        }

        // Note: folding helps when it breaks the text or puts it on a line of its own that fits; a word longer than
        // any line (a URL) stays after its key.
        return column + Inline(scalar, flow: false).Length > Width && Folded(value, indent) is { } folded
            && (folded.Lines.Count > 1 || indent + folded.Lines[0].Length <= Width) ? folded : null;
    }

    /// <summary>
    /// A folded block: each line break of the text is an empty line, each paragraph filled to the width. Null when
    /// folding cannot give the text back: a paragraph that starts or ends with white space (a more-indented line),
    /// a carriage return or a character that needs an escape.
    /// </summary>
    private static BlockScalar? Folded(string value, int indent)
    {
        var body = value.TrimEnd('\n');
        var paragraphs = body.Split('\n');
        if (body.Length == 0 || paragraphs[0].Length == 0 || !body.All(IsBlockCharacter)
            || paragraphs.Any(p => p.Length > 0 && (IsBlank(p[0]) || IsBlank(p[^1]))))
        {
            return null;
        }

        var lines = new List<string>();
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (i > 0)
            {
                lines.Add(string.Empty);
            }

            Fill(paragraphs[i], Width - indent, lines);
        }

        return new BlockScalar(">" + Chomping(value, body, lines), lines);
    }

    /// <summary>A literal block: the text's lines as they are. Null for leading empty lines, a carriage return, an escape or trailing white space.</summary>
    private static BlockScalar? Literal(string value)
    {
        var body = value.TrimEnd('\n');
        var lines = body.Split('\n').ToList();
        if (body.Length == 0 || body[0] == '\n' || !body.All(IsBlockCharacter) || lines.Any(l => l.Length > 0 && IsBlank(l[^1])))
        {
            return null;
        }

        // Note: a first line that starts with a space would be taken for the block's indentation; say it instead.
        var indicator = lines.FirstOrDefault(l => l.Length > 0) is { } first && first[0] == ' ' ? Step.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return new BlockScalar("|" + indicator + Chomping(value, body, lines), lines);
    }

    /// <summary>"-" for no final line break, "" for one, "+" (and the empty lines) for more.</summary>
    private static string Chomping(string value, string body, List<string> lines)
    {
        var breaks = value.Length - body.Length;
        for (var i = 1; i < breaks; i++)
        {
            lines.Add(string.Empty);
        }

        return breaks switch
        {
            0 => "-",
            1 => string.Empty,
            _ => "+",
        };
    }

    /// <summary>Fills a paragraph into lines of at most <paramref name="width"/>, breaking at single spaces between words.</summary>
    private static void Fill(string paragraph, int width, List<string> lines)
    {
        if (paragraph.Length == 0)
        {
            return;
        }

        var line = new StringBuilder();
        var start = 0;
        for (var i = 1; i <= paragraph.Length; i++)
        {
            var breakable = i == paragraph.Length || (paragraph[i] == ' ' && !IsBlank(paragraph[i - 1]) && i + 1 < paragraph.Length && !IsBlank(paragraph[i + 1]));
            if (!breakable)
            {
                continue;
            }

            var word = paragraph.AsSpan(start, i - start);
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            start = i + 1;
        }

        lines.Add(line.ToString());
    }

    /// <summary>
    /// True when <paramref name="value"/> can be written plain and every YAML reader reads it back as this text: not
    /// empty, no indicator at its start, no <c>": "</c> or <c>" #"</c> in it, no white space at its ends, nothing a
    /// reader would take for null, a boolean, a number or a date (the YAML 1.2 core schema, and YAML 1.1's yes, no,
    /// on, off and timestamps: a text that starts with a digit stays quoted), in flow no <c>,[]{}</c>.
    /// </summary>
    private static bool IsPlainText(string value, bool flow) =>
        value.Length > 0
        && YamlCoreSchema.Resolve(value) == YamlCoreSchema.PlainKind.String
        && !LooksTyped().IsMatch(value)
        && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0], StringComparison.Ordinal) < 0
        && !IsBlank(value[0]) && !IsBlank(value[^1]) && !value.EndsWith(':')
        && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal) && !value.Contains(":\t", StringComparison.Ordinal)
        && !value.StartsWith("...", StringComparison.Ordinal)
        && !(flow && value.AsSpan().IndexOfAny(",[]{}") >= 0)
        && value.All(c => c >= ' ' && c != '\u007f' && IsSingleQuotable(c));

    private static bool IsSingleQuotable(char c) => Loading.YamlQuoting.IsPrintable(c);

    private static bool IsBlockCharacter(char c) => c == '\n' || IsSingleQuotable(c);

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private static string DoubleQuoted(string value) => Loading.YamlQuoting.DoubleQuoted(value);

    /// <summary>YAML 1.1's booleans and nulls, and anything starting with a digit (a number, a date, a time to some reader).</summary>
    [GeneratedRegex(@"^([yY]|[yY]es|YES|[nN]|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|~|<<|=|[-+.]?[0-9].*|[-+]?\.(inf|Inf|INF|nan|NaN|NAN))$", RegexOptions.Singleline)]
    private static partial Regex LooksTyped();
}
