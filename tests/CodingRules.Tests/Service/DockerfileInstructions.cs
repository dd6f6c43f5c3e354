namespace CodingRules.Tests.Service;

/// <summary>
/// A Dockerfile read as the builder reads it, enough for the tests: comment lines dropped, lines ending in a backslash
/// joined to the next, one instruction per logical line, stages split at each <c>FROM</c>.
/// </summary>
internal sealed class DockerfileInstructions
{
    private DockerfileInstructions(IReadOnlyList<DockerInstruction> all) => All = all;

    public IReadOnlyList<DockerInstruction> All { get; }

    /// <summary>The instructions of the last stage (the image that runs), from its <c>FROM</c> on.</summary>
    public IReadOnlyList<DockerInstruction> FinalStage => [.. All.Skip(All.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n)];

    public IEnumerable<DockerInstruction> Stages => All.Where(i => i.Keyword == "FROM");

    public static DockerfileInstructions Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var lines = File.ReadAllLines(path);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var first = n + 1;
            var text = line;
            while (text.EndsWith('\\') && n + 1 < lines.Length)
            {
                text = text[..^1];
                var next = lines[++n].Trim();
                if (!next.StartsWith('#'))
                {
                    text += " " + next;
                }
            }

            var space = text.IndexOfAny([' ', '\t']);
            instructions.Add(space < 0
                ? new DockerInstruction(text.ToUpperInvariant(), "", first)
                : new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), first));
        }

        return new DockerfileInstructions(instructions);
    }

    /// <summary>The last instruction of the final stage with this keyword (the one in force), or null.</summary>
    public DockerInstruction? Last(string keyword) => FinalStage.LastOrDefault(i => i.Keyword == keyword);

    /// <summary>The variables the final stage sets with <c>ENV</c> (<c>KEY=value</c> pairs; values without spaces).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in FinalStage.Where(i => i.Keyword == "ENV"))
        {
            foreach (var pair in env.Words)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                Assert.True(equals > 0, $"Dockerfile:{env.Line}: ENV in the KEY=value form, one pair a word ('{pair}')");
                variables[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return variables;
    }

    /// <summary>The program the health check runs, as its exec-form words (after <c>CMD</c> and the options before it).</summary>
    public IReadOnlyList<string> HealthCheckCommand()
    {
        var check = Last("HEALTHCHECK");
        Assert.NotNull(check);
        var cmd = check.Arguments.IndexOf("CMD ", StringComparison.Ordinal);
        Assert.True(cmd >= 0, $"Dockerfile:{check.Line}: HEALTHCHECK ... CMD [...]");
        return new DockerInstruction("CMD", check.Arguments[(cmd + 4)..], check.Line).Words;
    }
}
