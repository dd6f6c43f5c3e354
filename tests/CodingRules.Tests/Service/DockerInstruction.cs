using System.Text.Json;

namespace CodingRules.Tests.Service;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its arguments as written, its first line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The arguments split on white space, or the elements of an exec-form JSON array.</summary>
    public IReadOnlyList<string> Words => IsExecForm ? ExecForm : Arguments.Split(' ', '\t').Where(w => w.Length > 0).ToList();

    /// <summary>Whether the arguments are a JSON array (exec form: no shell, the program gets the signals itself).</summary>
    public bool IsExecForm => Arguments.TrimStart().StartsWith('[');

    private List<string> ExecForm => JsonSerializer.Deserialize<List<string>>(Arguments) ?? [];
}
