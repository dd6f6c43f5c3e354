namespace CodingRules.Cli.Commands;

/// <summary>
/// Which files a verb that takes paths inside a rules folder loads, and which of its results it keeps: a path inside
/// the rules folder is judged in the catalog of the whole folder (a contractor's folder needs the coding rule sets and
/// templates beside it); a path outside it is a rules tree of its own, loaded as it is, or, with an explicit
/// <c>--rules</c>, together with that folder.
/// </summary>
internal sealed class PathScope
{
    private readonly List<string> _wanted;

    public PathScope(string rulesFolder, bool explicitRules, IReadOnlyList<string> given)
    {
        var root = Path.GetFullPath(rulesFolder);
        _wanted = [.. given.Select(Path.GetFullPath)];
        var outside = given.Where(p => !IsUnder(Path.GetFullPath(p), root)).ToList();
        Load = _wanted.Count == 0 || explicitRules || outside.Count < _wanted.Count ? [rulesFolder, .. outside] : [.. outside];
    }

    /// <summary>The files and folders to load.</summary>
    public IReadOnlyList<string> Load { get; }

    /// <summary>True when no path was given (everything loaded is wanted) or <paramref name="path"/> lies under a given one.</summary>
    public bool Wants(string path) => _wanted.Count == 0 || _wanted.Any(w => IsUnder(Path.GetFullPath(path), w));

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    public static bool IsUnder(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(Path.TrimEndingDirectorySeparator(path), root, comparison) || path.StartsWith(root + Path.DirectorySeparatorChar, comparison);
    }
}
