namespace CodingRules.Encounters;

/// <summary>
/// The normal form of a joint level name as documented by a clinician, so that <c>l4-5</c>, <c>L4–L5</c> and
/// <c>L4 - L5</c> all name the same level <c>L4-L5</c>. Pure and thread-safe.
/// </summary>
public static class LevelName
{
    // Level names are short (the contract allows 64 characters); longer text is normalised on the heap.
    private const int StackLimit = 128;

    /// <summary>
    /// Normalises a level name: removes all white space (which also trims), maps the Unicode dashes
    /// U+2010, U+2011, U+2012, U+2013 (–), U+2014 (—) and U+2212 (minus) to '-', upper-cases (invariant), and
    /// completes a shortened range <c>&lt;letters&gt;&lt;digits&gt;-&lt;digits&gt;</c> by repeating the letters
    /// (<c>L4-5</c> → <c>L4-L5</c>, <c>c2-3</c> → <c>C2-C3</c>). Anything else is kept as it is after those steps
    /// (<c>T12-L1</c>, <c>L5-S1</c>, <c>NONSENSE</c>). Never throws; null becomes the empty string. Returns the same
    /// instance when the text is already normal.
    /// </summary>
    /// <param name="level">The level as documented.</param>
    /// <returns>The normal form; empty when the text holds only white space.</returns>
    public static string Normalize(string level)
    {
        if (string.IsNullOrEmpty(level))
        {
            return string.Empty;
        }

        // Note: one extra letter run may be inserted, so the result can be longer than the input.
        int capacity = (level.Length * 2) + 1;
        Span<char> buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : new char[capacity];

        int length = 0;
        foreach (char c in level)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            buffer[length++] = IsDash(c) ? '-' : c;
        }

        Span<char> text = buffer[..length];
        Span<char> upper = buffer.Slice(length, length);
        text.ToUpperInvariant(upper);
        upper.CopyTo(text);

        int firstDigit = CountLetters(text);
        int dash = firstDigit > 0 ? firstDigit + CountDigits(text[firstDigit..]) : 0;
        bool shortRange = dash > firstDigit
            && dash < length - 1
            && text[dash] == '-'
            && CountDigits(text[(dash + 1)..]) == length - dash - 1;
        if (shortRange)
        {
            // Move the second number right (CopyTo allows the overlap), then repeat the letters before it.
            text[(dash + 1)..].CopyTo(buffer[(dash + 1 + firstDigit)..]);
            text[..firstDigit].CopyTo(buffer[(dash + 1)..]);
            length += firstDigit;
        }

        ReadOnlySpan<char> result = buffer[..length];
        return result.SequenceEqual(level) ? level : new string(result);
    }

    private static bool IsDash(char c) => c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    private static int CountLetters(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
