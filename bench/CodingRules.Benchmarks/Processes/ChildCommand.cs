using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// A command line the process benchmark starts, as given on its command line: an executable and its first arguments
/// (<c>dotnet src/CodingRules.Cli/bin/Release/net10.0/CodingRules.Cli.dll</c>, or a published executable). Words are
/// split on spaces; double quotes keep spaces in a word.
/// </summary>
internal sealed record ChildCommand(string FileName, ImmutableArray<string> Arguments)
{
    /// <summary>
    /// Parses <paramref name="text"/>. A word naming an existing file relative to <paramref name="currentDirectory"/>
    /// (the program, or the dll after <c>dotnet</c>) is made absolute, since the children run in the repository root.
    /// </summary>
    public static ChildCommand Parse(string text, string currentDirectory)
    {
        var words = Split(text);
        if (words.Count == 0)
        {
            throw new InvalidOperationException("An empty command was given.");
        }

        var resolved = words.Select(w => IsPath(w) && File.Exists(Path.Combine(currentDirectory, w)) ? Path.GetFullPath(w, currentDirectory) : w).ToList();
        return new ChildCommand(resolved[0], [.. resolved.Skip(1)]);
    }

    /// <summary>How to start this command with <paramref name="arguments"/> after its own, every stream redirected.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(FileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Note: the rules a child loads are named on its command line or found from its working directory; a
        // CODINGRULES_RULES of the shell that runs the benchmark must not change them behind its back.
        start.Environment.Remove("CODINGRULES_RULES");
        return start;
    }

    public override string ToString() => string.Join(' ', Arguments.Insert(0, FileName).Select(Quote));

    private static bool IsPath(string word) => word.Contains('/', StringComparison.Ordinal) || word.Contains('\\', StringComparison.Ordinal);

    private static string Quote(string word) => word.Contains(' ', StringComparison.Ordinal) ? $"\"{word}\"" : word;

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, started = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                started = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (started)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    started = false;
                }
            }
            else
            {
                word.Append(c);
                started = true;
            }
        }

        if (quoted)
        {
            throw new InvalidOperationException($"Unbalanced quote in the command '{text}'.");
        }

        if (started)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
