using System.Text;
using System.Text.RegularExpressions;

namespace CodingRules.Tests.Service;

/// <summary>
/// The patterns of a <c>.dockerignore</c>, matched as the builder matches them for the paths the tests ask about:
/// relative to the context's root, <c>*</c> within one path segment, <c>**</c> across any number, a path excluded when
/// it or a folder above it matches; a <c>!</c> pattern takes a path back in (the last matching pattern decides).
/// </summary>
internal sealed class DockerIgnorePatterns
{
    private readonly List<(Regex Pattern, bool Excludes)> _patterns;

    private DockerIgnorePatterns(List<(Regex, bool)> patterns) => _patterns = patterns;

    public static DockerIgnorePatterns Load(string path) => new([.. File.ReadAllLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true))]);

    /// <summary>Whether <paramref name="path"/> (a file or folder, relative to the root, '/' separated) stays out of the context.</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        var excluded = false;
        for (var depth = 1; depth <= parts.Length; depth++)
        {
            var prefix = string.Join('/', parts.Take(depth));
            foreach (var (pattern, excludes) in _patterns)
            {
                if (pattern.IsMatch(prefix))
                {
                    excluded = excludes;
                }
            }

            if (excluded)
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var text = pattern.Trim('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var slash = i + 2 < text.Length && text[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(text[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
