using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CodingRules.Loading;

/// <summary>
/// Reads one YAML or JSON document into <see cref="DocNode"/>s with source spans, using YamlDotNet's event parser.
/// Refuses anchors, aliases and tags, a second document, control characters in texts and the YAML 1.1 line
/// separators (NEL, LS, PS) that YAML 1.2 and JSON read as text; enforces <see cref="LoadLimits"/>; reports
/// duplicate keys. Never throws for any input text.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>Reads the first document of <paramref name="source"/>; null (with diagnostics) when it cannot.</summary>
    public static DocNode? Read(SourceText source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var state = new ReadState(source, diagnostics);
        if (LineSeparator(source.Content) is { } separator)
        {
            // Note: YamlDotNet (YAML 1.1) would end the line here, YAML 1.2 editors and JSON would not; the file would
            // mean different things to different readers (a comment's tail read as a key, say), so it is refused.
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.CR1014_UnsupportedCharacter, new SourceSpan(source, separator, 1), $"U+{(int)source.Content[separator]:X4}",
                "in a rule file: YAML 1.1 reads it as a line break, YAML 1.2 and JSON as text; use a line break or a space"));
            return null;
        }

        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(source.Content));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1010_EmptyDocument, new SourceSpan(source, 0, 0)));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = state.ReadNode(parser, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart second)
            {
                var offset = source.OffsetOf((int)second.Start.Line, (int)second.Start.Column);
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1015_SeveralDocuments, new SourceSpan(source, offset, 3)));
                return null;
            }

            return root;
        }
        catch (LimitException)
        {
            return null; // already reported
        }
        catch (YamlException e)
        {
            // "While scanning X, found Y": YamlDotNet's Start is where X began, End is where Y was found.
            var at = e.Message.Contains(", found ", StringComparison.Ordinal) ? e.End : e.Start;
            var offset = source.OffsetOf((int)at.Line, (int)at.Column);
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1001_YamlSyntax, new SourceSpan(source, offset, 1), Readable(Clean(e.Message))));
            return null;
        }
        catch (ArgumentException e) when (parser is not null && e.TargetSite?.DeclaringType?.Assembly == typeof(Parser).Assembly)
        {
            // Note: YamlDotNet throws this, not a YamlException, for a tag that is no valid URI once resolved ("!!c]");
            // tags are refused anyway. The parser stopped at the node after the last node it gave (the start of a
            // document can be marked after its first node). An ArgumentException of this library's own is a bug and goes on.
            var from = parser.Current is NodeEvent last ? source.OffsetOf((int)last.End.Line, (int)last.End.Column) : 0;
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1011_UnsupportedYaml, new SourceSpan(source, TagAfter(source.Content, from), 1), "tags"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this for some unterminated collections; point at the collection left open.
            var offset = state.InnermostOpen is { } open ? source.OffsetOf((int)open.Line, (int)open.Column) : source.Content.Length;
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1001_YamlSyntax, new SourceSpan(source, offset, 1), "a list or mapping is not closed with ']' or '}'"));
            return null;
        }
    }

    /// <summary>The offset of the first <c>!</c> at or after <paramref name="from"/> outside comments and directives, or <paramref name="from"/>.</summary>
    private static int TagAfter(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '!')
            {
                return i;
            }

            var lineStart = i == 0 || text[i - 1] is '\n' or '\r';
            if ((text[i] == '#' && (lineStart || text[i - 1] is ' ' or '\t')) || (text[i] == '%' && lineStart))
            {
                var end = text.AsSpan(i).IndexOfAny('\n', '\r');
                if (end < 0)
                {
                    break;
                }

                i += end;
            }
        }

        return from;
    }

    /// <summary>The offset of the first NEL, LS or PS character, or null.</summary>
    private static int? LineSeparator(string text)
    {
        var at = text.AsSpan().IndexOfAny('\u0085', '\u2028', '\u2029');
        return at < 0 ? null : at;
    }

    /// <summary>The first control character of a text other than tab, line feed and carriage return, or -1.</summary>
    private static int ControlCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\t' or '\n' or '\r'))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is printed separately.
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && message.StartsWith('(') ? message[(i + 3)..] : message;
    }

    /// <summary>
    /// The parser's message in the words of a rule author: what is usually wrong at that place and how to mend it,
    /// with the parser's own words after it (to search for). A message not known here is shown as it is.
    /// </summary>
    internal static string Readable(string message)
    {
        var hint = Hints.FirstOrDefault(h => message.Contains(h.Parser, StringComparison.OrdinalIgnoreCase)).Hint;
        if (hint is null)
        {
            return message;
        }

        // "While scanning a plain scalar, found a tab character ...": the part after the comma says what was found.
        var comma = message.IndexOf(", ", StringComparison.Ordinal);
        var core = message.StartsWith("While ", StringComparison.Ordinal) && comma > 0 ? message[(comma + 2)..] : message;
        return $"{hint} (parser: {core.TrimEnd('.')})";
    }

    private static readonly (string Parser, string Hint)[] Hints =
    [
        ("did not find expected '-' indicator", "this line is not indented like the list around it: items start with '- ' in one column, an item's keys line up under its first key"),
        ("did not find expected key", "this line is not indented like the keys of its mapping (keys of one mapping start in one column), or a value holding ': ' or ' #' needs quotes"),
        ("found a tab character", "a tab is used for indentation; indent with spaces only"),
        ("found invalid mapping", "a value holds ': ', or a key is indented under a value: quote the value, or line the key up with the keys above"),
        ("mapping values are not allowed", "a value holds ': ': put the value in quotes"),
        ("multi-line double-quoted scalar, found wrong indentation", "a quoted text is not closed (its closing quote is missing) or its next line is not indented under its key"),
        ("multi-line single-quoted scalar, found wrong indentation", "a quoted text is not closed (its closing quote is missing) or its next line is not indented under its key"),
        ("quoted scalar, found unexpected end of stream", "a quoted text is not closed: its closing quote is missing"),
        ("did not find expected ',' or ']'", "a list in [ ] is not closed, or two of its items have no ',' between them"),
        ("did not find expected ',' or '}'", "a mapping in { } is not closed, or two of its entries have no ',' between them"),
        ("found character that cannot start any token", "a value starts with a character YAML reserves ('@', '`', '%' or a stray quote): put the value in quotes"),
        ("did not find expected node content", "a value is missing after '- ' or ':', or starts with a character YAML reserves: write the value, or quote it"),
        ("did not find expected <document start>", "the file has text after its top-level mapping that is not part of it: check the indentation of the last lines"),
        ("found unknown escape character", "a double-quoted text holds a backslash that is no escape (write \\\\ for a backslash, or use single quotes)"),
    ];

    private sealed class LimitException : Exception;

    private sealed class ReadState(SourceText source, DiagnosticBag diagnostics)
    {
        private readonly Stack<Mark> _open = new();
        private int _nodes;
        private Mark _lastEnd = Mark.Empty;
        private int _made;

        public Mark? InnermostOpen => _open.Count > 0 ? _open.Peek() : null;

        public DocNode ReadNode(IParser parser, int depth)
        {
            if (++_nodes > LoadLimits.MaxNodes)
            {
                Fail(parser.Current!, $"more than {LoadLimits.MaxNodes} nodes");
            }

            if (depth > LoadLimits.MaxDepth)
            {
                Fail(parser.Current!, $"nesting deeper than {LoadLimits.MaxDepth}");
            }

            var current = parser.Current!;
            if (current is AnchorAlias)
            {
                Unsupported(current, "anchors and aliases");
            }

            if (current is NodeEvent { Anchor.IsEmpty: false })
            {
                Unsupported(current, "anchors and aliases");
            }

            // Note: a tag (!!python/object, !!str, !custom) asks the reader to build a type; rule files have none.
            if (current is NodeEvent { Tag.IsEmpty: false } tagged && !tagged.Tag.IsNonSpecific)
            {
                Unsupported(current, "tags");
            }

            switch (current)
            {
                case Scalar scalar when scalar.Value.Length == 0 && scalar.Start.Index < _lastEnd.Index:
                    // Note: an explicit key with nothing after its '?' ("? " then ": value") is read by the YAML library
                    // as two entries, with empty nodes it places at the document's start (a mark before the text
                    // already read). Rule files have no use for it; the mapping reports it once (CR1011), here the node
                    // is placed where the reading stands.
                    parser.MoveNext();
                    _made++;
                    return new DocScalar(string.Empty, true, false, new SourceSpan(source, source.OffsetOf((int)_lastEnd.Line, (int)_lastEnd.Column), 1));
                case Scalar scalar:
                    parser.MoveNext();
                    _lastEnd = scalar.End.Index > _lastEnd.Index ? scalar.End : _lastEnd;
                    if (scalar.Value.Length > LoadLimits.MaxScalarLength)
                    {
                        Fail(scalar, $"a scalar longer than {LoadLimits.MaxScalarLength} characters");
                    }

                    if (ControlCharacter(scalar.Value) is var control and >= 0)
                    {
                        // Note: "radio\afrequency" would compare unequal to every documented technique; refuse it.
                        diagnostics.Add(Diagnostic.Create(
                            DiagnosticDescriptors.CR1014_UnsupportedCharacter, SpanOf(scalar), $"U+{(int)scalar.Value[control]:X4}",
                            "in a text (an escape such as \\a or \\x07 in a quoted string?); only tab and line breaks are"));
                    }

                    return new DocScalar(
                        scalar.Value,
                        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any,
                        scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded,
                        SpanOf(scalar));
                case SequenceStart start:
                    {
                        _open.Push(start.Start);
                        parser.MoveNext();
                        var items = ImmutableArray.CreateBuilder<DocNode>();
                        while (parser.Current is not SequenceEnd)
                        {
                            items.Add(ReadNode(parser, depth + 1));
                        }

                        var end = parser.Current;
                        parser.MoveNext();
                        _open.Pop();
                        return new DocSequence(items.ToImmutable(), SpanOf(start, end));
                    }

                case MappingStart start:
                    {
                        _open.Push(start.Start);
                        parser.MoveNext();
                        var entries = ImmutableArray.CreateBuilder<DocEntry>();
                        var seen = new Dictionary<string, DocScalar>(StringComparer.Ordinal);
                        var explicitEmpty = false;
                        while (parser.Current is not MappingEnd)
                        {
                            var made = _made;
                            var keyNode = ReadNode(parser, depth + 1);
                            var value = ReadNode(parser, depth + 1);
                            if (_made != made)
                            {
                                if (!explicitEmpty)
                                {
                                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1011_UnsupportedYaml, keyNode.Span, "explicit keys ('?') with no key"));
                                    explicitEmpty = true;
                                }

                                continue;
                            }

                            if (keyNode is not DocScalar key)
                            {
                                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1011_UnsupportedYaml, keyNode.Span, "complex keys"));
                                continue;
                            }

                            if (seen.TryGetValue(key.Value, out _))
                            {
                                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1008_DuplicateKey, key.Span, key.Value));
                                continue;
                            }

                            seen.Add(key.Value, key);
                            entries.Add(new DocEntry(key, value));
                        }

                        var end = parser.Current;
                        parser.MoveNext();
                        _open.Pop();
                        return new DocMapping(entries.ToImmutable(), SpanOf(start, end));
                    }

                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private SourceSpan SpanOf(ParsingEvent e) => SpanOf(e, e);

        private SourceSpan SpanOf(ParsingEvent start, ParsingEvent? end)
        {
            var s = source.OffsetOf((int)start.Start.Line, (int)start.Start.Column);
            var e = end is null ? s : source.OffsetOf((int)end.End.Line, (int)end.End.Column);
            return new SourceSpan(source, s, Math.Max(e - s, 1));
        }

        private void Unsupported(ParsingEvent at, string what)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1011_UnsupportedYaml, SpanOf(at), what));
            throw new LimitException();
        }

        private void Fail(ParsingEvent at, string what)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR1009_InputLimit, SpanOf(at), what));
            throw new LimitException();
        }
    }
}
