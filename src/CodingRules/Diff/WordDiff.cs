using System.Collections.Immutable;
using System.Text;

namespace CodingRules.Diff;

/// <summary>What a piece of a word-level difference is.</summary>
public enum WordChange
{
    /// <summary>On both sides.</summary>
    Same,

    /// <summary>Only before.</summary>
    Removed,

    /// <summary>Only after.</summary>
    Added,
}

/// <summary>
/// The word-level difference of two texts (a message, a condition, a source's title and address), as <c>git diff
/// --word-diff</c> shows it: the words both share, and those removed and added. Words are runs of letters and digits;
/// every other character is a word of its own, so a changed address shows only its changed part. The texts are
/// compared on their common prefix and suffix, then by a longest common subsequence of at most
/// <see cref="MaxWords"/> words a side (beyond that the middle is one removal and one addition): time and memory are
/// bounded by <c>MaxWords²</c> whatever the input. Stateless and thread-safe.
/// </summary>
public static class WordDiff
{
    /// <summary>The most words of a side the subsequence search compares.</summary>
    public const int MaxWords = 1000;

    /// <summary>How many shared words (white space runs and punctuation count as words) <see cref="Marked"/> keeps around each change.</summary>
    public const int Context = 10;

    /// <summary>The pieces of the difference, in order; adjacent pieces of one kind are merged.</summary>
    public static ImmutableArray<(WordChange Change, string Text)> Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Words(before);
        var b = Words(after);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var pieces = new List<(WordChange, string)>();
        pieces.AddRange(a.Take(prefix).Select(w => (WordChange.Same, w)));
        Middle(a.GetRange(prefix, a.Count - prefix - suffix), b.GetRange(prefix, b.Count - prefix - suffix), pieces);
        pieces.AddRange(a.Skip(a.Count - suffix).Select(w => (WordChange.Same, w)));
        return Merge(pieces);
    }

    /// <summary>
    /// The difference as one line: removed words in <c>[-…-]</c>, added in <c>{+…+}</c>, with <see cref="Context"/>
    /// shared words around each change and <c>…</c> for the shared words left out; null when the texts are equal.
    /// </summary>
    public static string? Marked(string before, string after) => Render(before, after, "[-", "-]", "{+", "+}");

    /// <summary>As <see cref="Marked"/>, for markdown: removed words struck through, added words bold.</summary>
    public static string? Markdown(string before, string after) => Render(before, after, "~~", "~~", "**", "**");

    /// <summary>
    /// The rendered difference when it helps a reader: null when the texts share less than half their words (a text
    /// rewritten, which the before and after texts show better) or the marked text would be longer than
    /// <see cref="MaxReadable"/> characters.
    /// </summary>
    public static string? Readable(string before, string after, Func<string, string, string?> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var pieces = Compare(before, after);
        var shared = pieces.Where(p => p.Change == WordChange.Same).Sum(p => p.Text.Length);
        if (shared * 2 < Math.Max(before.Length, after.Length))
        {
            return null;
        }

        return render(before, after) is { Length: <= MaxReadable } text ? text : null;
    }

    /// <summary>The longest marked text <see cref="Readable"/> gives.</summary>
    public const int MaxReadable = 400;

    private static string? Render(string before, string after, string removedOpen, string removedClose, string addedOpen, string addedClose)
    {
        var pieces = Compare(before, after);
        if (pieces.All(p => p.Change == WordChange.Same))
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = 0; i < pieces.Length; i++)
        {
            var (change, piece) = pieces[i];
            switch (change)
            {
                case WordChange.Removed:
                    Marker(text, piece, removedOpen, removedClose);
                    break;
                case WordChange.Added:
                    Marker(text, piece, addedOpen, addedClose);
                    break;
                default:
                    var words = Words(piece);
                    var keepStart = i == 0 ? 0 : Context;
                    var keepEnd = i == pieces.Length - 1 ? 0 : Context;
                    if (words.Count <= keepStart + keepEnd + 1)
                    {
                        text.Append(piece);
                    }
                    else
                    {
                        text.Append(string.Concat(words.Take(keepStart))).Append('…').Append(string.Concat(words.Skip(words.Count - keepEnd)));
                    }

                    break;
            }
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A changed piece inside its markers, the white space at its ends left outside them.</summary>
    private static void Marker(StringBuilder text, string piece, string open, string close)
    {
        var inner = piece.Trim();
        if (inner.Length == 0)
        {
            text.Append(' ');
            return;
        }

        var start = piece.IndexOf(inner, StringComparison.Ordinal);
        text.Append(piece, 0, start).Append(open).Append(inner).Append(close).Append(piece, start + inner.Length, piece.Length - start - inner.Length);
    }

    private static void Middle(List<string> a, List<string> b, List<(WordChange, string)> pieces)
    {
        if (a.Count == 0 || b.Count == 0 || a.Count > MaxWords || b.Count > MaxWords)
        {
            pieces.AddRange(a.Select(w => (WordChange.Removed, w)));
            pieces.AddRange(b.Select(w => (WordChange.Added, w)));
            return;
        }

        // Lengths of the longest common subsequences of the suffixes a[i..] and b[j..].
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (a[x] == b[y])
            {
                pieces.Add((WordChange.Same, a[x++]));
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                pieces.Add((WordChange.Removed, a[x++]));
            }
            else
            {
                pieces.Add((WordChange.Added, b[y++]));
            }
        }

        pieces.AddRange(a.Skip(x).Select(w => (WordChange.Removed, w)));
        pieces.AddRange(b.Skip(y).Select(w => (WordChange.Added, w)));
    }

    /// <summary>
    /// Merges runs of one kind; a run of shared white space between two changes joins them, so that "a b" replaced by
    /// "c d" reads as one change, not four.
    /// </summary>
    private static ImmutableArray<(WordChange Change, string Text)> Merge(List<(WordChange Change, string Text)> pieces)
    {
        var merged = new List<(WordChange Change, StringBuilder Text)>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (change, text) = pieces[i];
            if (change == WordChange.Same && string.IsNullOrWhiteSpace(text) && i > 0 && i < pieces.Count - 1
                && pieces[i - 1].Change != WordChange.Same && pieces[i + 1].Change != WordChange.Same)
            {
                // White space inside a change belongs to both of its sides.
                Append(WordChange.Removed, text);
                Append(WordChange.Added, text);
                continue;
            }

            Append(change, text);
        }

        return [.. merged.Select(m => (m.Change, m.Text.ToString()))];

        void Append(WordChange change, string text)
        {
            // A removal and an addition of one change stay in that order: removed, then added.
            var at = merged.FindLastIndex(m => m.Change == change);
            var sinceSame = merged.FindLastIndex(m => m.Change == WordChange.Same);
            if (merged.Count > 0 && (merged[^1].Change == change || (change != WordChange.Same && at > sinceSame)))
            {
                merged[at].Text.Append(text);
            }
            else
            {
                merged.Add((change, new StringBuilder(text)));
            }
        }
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]))
                {
                    i++;
                }
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            words.Add(text[start..i]);
        }

        return words;
    }
}
