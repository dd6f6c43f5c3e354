namespace CodingRules.Encounters;

/// <summary>
/// The normal form of a nerve name as documented by a clinician, so that <c>L3 MB</c>, <c>l3  medial Branch</c> and
/// <c>L3 medial branch</c> all name the same nerve <c>L3 medial branch</c>. Pure and thread-safe.
/// </summary>
public static class NerveName
{
    // Nerve names are short (the contract allows 64 characters); longer text is normalised on the heap.
    private const int StackLimit = 256;

    private const string MedialBranch = "medial branch";
    private const string DorsalRamus = "dorsal ramus";

    /// <summary>
    /// Normalises a nerve name: trims, collapses every run of white space to one space, maps the Unicode dashes
    /// U+2010, U+2011, U+2012, U+2013 (–), U+2014 (—) and U+2212 (minus) to '-', and lower-cases (invariant) — except
    /// that a first word naming a vertebra (one of the letters C, T, L, S followed by digits only, in either case) is
    /// upper-cased (<c>l3</c> → <c>L3</c>). When everything after the first word is exactly the abbreviation
    /// <c>mb</c> or <c>dr</c> (in any case), it is written out as <c>medial branch</c> or <c>dorsal ramus</c>
    /// (<c>L3 MB</c> → <c>L3 medial branch</c>, <c>l5 DR</c> → <c>L5 dorsal ramus</c>); abbreviations inside longer
    /// text are kept. Other text is only cased (<c>Third occipital nerve</c> → <c>third occipital nerve</c>).
    /// Normalising twice changes nothing. Never throws; null becomes the empty string. Returns the same instance when
    /// the text is already normal.
    /// </summary>
    /// <param name="nerve">The nerve as documented.</param>
    /// <returns>The normal form; empty when the text holds only white space.</returns>
    public static string Normalize(string nerve)
    {
        if (string.IsNullOrEmpty(nerve))
        {
            return string.Empty;
        }

        // The collapsed text is at most as long as the input; the cased result may grow by one expansion.
        int capacity = (nerve.Length * 2) + MedialBranch.Length;
        Span<char> buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : new char[capacity];
        Span<char> collapsed = buffer[..nerve.Length];
        Span<char> result = buffer[nerve.Length..];

        int length = Collapse(nerve, collapsed);

        // Note: invariant casing of a span maps one UTF-16 unit to one (surrogate pairs included), so the length
        // is kept; it needs a destination that does not overlap its source, hence the two regions.
        collapsed[..length].ToLowerInvariant(result);
        int firstEnd = result[..length].IndexOf(' ');
        firstEnd = firstEnd < 0 ? length : firstEnd;
        if (IsVertebra(result[..firstEnd]))
        {
            result[0] = char.ToUpperInvariant(result[0]);
        }

        if (firstEnd < length)
        {
            ReadOnlySpan<char> rest = result[(firstEnd + 1)..length];
            string? expansion = rest.SequenceEqual("mb") ? MedialBranch : rest.SequenceEqual("dr") ? DorsalRamus : null;
            if (expansion is not null)
            {
                expansion.CopyTo(result[(firstEnd + 1)..]);
                length = firstEnd + 1 + expansion.Length;
            }
        }

        ReadOnlySpan<char> normal = result[..length];
        return normal.SequenceEqual(nerve) ? nerve : new string(normal);
    }

    /// <summary>Copies the text without leading, trailing or repeated white space, reading dashes as '-'.</summary>
    private static int Collapse(ReadOnlySpan<char> text, Span<char> destination)
    {
        int length = 0;
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                destination[length++] = ' ';
                space = false;
            }

            destination[length++] = IsDash(c) ? '-' : c;
        }

        return length;
    }

    // Note: the same dashes as LevelName reads, so that a level and a nerve documented in one note agree.
    private static bool IsDash(char c) => c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    /// <summary>True for a vertebra name such as <c>c2</c>, <c>t12</c>, <c>l3</c> or <c>s1</c> (lower-cased already).</summary>
    private static bool IsVertebra(ReadOnlySpan<char> word) =>
        word.Length >= 2
        && word[0] is 'c' or 't' or 'l' or 's'
        && !word[1..].ContainsAnyExceptInRange('0', '9');
}
