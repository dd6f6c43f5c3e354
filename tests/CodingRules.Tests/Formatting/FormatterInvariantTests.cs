using System.Text;
using CodingRules.Formatting;
using CodingRules.Loading;
using CodingRules.Text;

namespace CodingRules.Tests.Formatting;

/// <summary>
/// Every shipped rule, library and test file, and a set of odd and hostile texts, format to the same document with
/// the same comments, and formatting what was formatted changes nothing.
/// </summary>
public sealed class FormatterInvariantTests
{
    public static TheoryData<string> ShippedFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ShippedRules.Folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(ShippedRules.Folder, file).Replace('\\', '/'));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void EveryShippedFileFormatsToTheSameDocumentAndStaysFormatted(string file)
    {
        var text = File.ReadAllText(Path.Combine(ShippedRules.Folder, file));
        FormatChecks.Formatted(text, RuleFileReader.IsTestFile(file));
    }

    [Fact]
    public void ThereAreShippedFilesToFormat() => Assert.True(ShippedFiles().Count > 50);

    public static TheoryData<string, string> OddTexts() => new()
    {
        { "comments everywhere", CommentsEverywhere },
        { "tabs", "a: \"x\\ty\"\nb: 'tab\there'\nc: x\ty\nd: [\"\\t\", b]\t# after a tab\n" },
        { "CR LF", "ruleSet: x\r\nversion: \"1\"\r\n# c\r\nhandles: [a, b]\r\nsummary: >\r\n  one\r\n  two\r\n" },
        { "lone CR", "a: 1\rb: [x, y]\r# c\rc: 2\r" },
        { "byte order mark", "\uFEFFruleSet: x\nversion: \"1\"\n" },
        { "a long word", "a: " + new string('x', 5000) + "\n" },
        { "a long text", "a: " + string.Join(' ', Enumerable.Repeat("word", 2000)) + "\n" },
        { "a long flow list", "a: [" + string.Join(", ", Enumerable.Range(0, 2000).Select(i => "M" + i)) + "]\n" },
        { "a long flow mapping", "a: { " + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"k{i}: v{i}")) + " }\n" },
        { "a long key", new string('k', 900) + ": 1\n" },
        { "deep block mappings", Deep(LoadLimits.MaxDepth - 1, (d, inner) => $"{new string(' ', 2 * d)}k{d}:\n{inner}", "x") },
        { "deep block sequences", string.Concat(Enumerable.Repeat("- ", LoadLimits.MaxDepth - 1)) + "x\n" },
        { "deep flow", "a: " + new string('[', LoadLimits.MaxDepth - 2) + "x" + new string(']', LoadLimits.MaxDepth - 2) + "\n" },
        { "duplicate keys", "a: 1\nb: 2\na: 3\n" },
        { "escapes", "a: \"\\a bell\"\nb: \"\\u00e9 \\U0001F9B4 \\x7f \\\\ \\\" '\"\nc: \"\\u00a0 nbsp\"\n" },
        { "typed-looking texts", "a: \"1.0\"\nb: '1e3'\nc: \".5\"\nd: \"+1\"\ne: \"0x1F\"\nf: \"12:30\"\ng: '2012-01-01'\nh: \"yes\"\ni: 'No'\nj: \"~\"\nk: \"null\"\nl: \"\"\nm: \".inf\"\n" },
        { "typed plain values", "a: 1.0\nb: 1e3\nc: 0x1F\nd: yes\ne: ~\nf: null\ng:\nh: 2012-01-01\ni: -0\nj: .5\nk: [1, true, ~, 2012-01-01]\n" },
        { "keys that need quotes", "\"a: b\": 1\n\"#x\": 2\n\"\": 3\n'1': 4\n\"- x\": 5\n? \"q\"\n: 6\n" },
        { "block scalars", BlockScalars },
        { "multi-line quoted and plain texts", "a: \"one\n  two\n\n  three\"\nb: 'x\n  y'\nc: plain\n  continued\n" },
        { "a root sequence", "- a\n- { b: 1 }\n- - c\n  - d\n-\n  e: f\n" },
        { "a root scalar", "# the only value\nhello\n" },
        { "a root flow mapping", "{ a: 1, b: [x, y] } # trailing\n" },
        { "empty collections", "a: []\nb: {}\nc: [ # inside\n]\nd:\n  - []\n  - {}\n" },
        { "unicode", "a: é🦴ü\nb: [\"ä,ö\", ß]\n\"ключ\": значение\n" },
        { "explicit document markers", "%YAML 1.2\n---\na: 1\n...\n" },
        { "indentation of every kind", "a:\n    b:\n          - c\n          -   d: 1\n              e: 2\nf:\n- g\n- h\n" },
    };

    [Theory]
    [MemberData(nameof(OddTexts))]
    public void AnOddTextFormatsToTheSameDocumentAndStaysFormatted(string name, string text)
    {
        Assert.NotEmpty(name);
        FormatChecks.Formatted(text);
    }

    public static TheoryData<string, string, string> RefusedTexts() => new()
    {
        { "an anchor", "a: &x 1\nb: 2\n", "CR1011" },
        { "an alias", "a: 1\nb: *x\n", "CR1011" },
        { "a tag", "a: !!str 1\n", "CR1011" },
        { "a tag that is no URI", "a: !!c]\n", "CR1011" },
        { "two documents", "a: 1\n---\nb: 2\n", "CR1015" },
        { "a syntax error", "a: [1, 2\nb: 3\n", "CR1001" },
        { "a bad indentation", "a:\n  b: 1\n c: 2\n", "CR1001" },
        { "only a comment", "# nothing else\n", "CR1010" },
        { "a line separator", "a: x\u2028y\n", "CR1014" },
        { "too deep", Deep(LoadLimits.MaxDepth + 1, (d, inner) => $"{new string(' ', 2 * d)}k{d}:\n{inner}", "x"), "CR1009" },
        { "a scalar too long", "a: " + new string('x', LoadLimits.MaxScalarLength + 1) + "\n", "CR1009" },
    };

    [Theory]
    [MemberData(nameof(RefusedTexts))]
    public void ATextThatDoesNotLoadIsReportedAtItsPlaceAndNotFormatted(string name, string text, string id)
    {
        var result = YamlFormatter.Format(SourceText.From("bad.yaml", text), isTestFile: false);
        Assert.False(result.Succeeded, name);
        Assert.Null(result.Text);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Descriptor.Id == id);
        Assert.True(diagnostic.Location.Line >= 1 && diagnostic.Location.Column >= 1);
    }

    [Fact]
    public void ASyntaxErrorIsReportedAtItsLine()
    {
        var result = YamlFormatter.Format(SourceText.From("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n"), isTestFile: false);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CR1001", diagnostic.Descriptor.Id);
        Assert.InRange(diagnostic.Location.Line, 2, 3);
    }

    [Theory]
    [InlineData("? [a, b]\n: 1\nc: 2\n")]
    [InlineData("[a, b]: 1\nc: 2\n")]
    [InlineData("{ k: v }:\n")]
    public void AComplexKeyIsRefusedNotChanged(string text)
    {
        var result = YamlFormatter.Format(SourceText.From("odd.yaml", text), isTestFile: false);
        Assert.False(result.Succeeded);
        Assert.Null(result.Text);
    }

    [Fact]
    public void TheCostOfFormattingIsLinearInTheFileSize()
    {
        var small = Scaled(200);
        var large = Scaled(4000);
        FormatChecks.Formatted(small);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(YamlFormatter.Format(SourceText.From("small.yaml", small), false).Succeeded);
        var smallTime = watch.Elapsed;
        watch.Restart();
        Assert.True(YamlFormatter.Format(SourceText.From("large.yaml", large), false).Succeeded);
        var largeTime = watch.Elapsed;
        Assert.True(large.Length < LoadLimits.MaxFileBytes);

        // Note: twenty times the text; a quadratic formatter would take about 400 times as long. The bound is loose
        // (timers on a shared machine), the point is the order.
        Assert.True(largeTime < (smallTime * 100) + TimeSpan.FromSeconds(2), $"{smallTime} for {small.Length} chars, {largeTime} for {large.Length}");
    }

    [Fact]
    public void AHugeLineBeforeALineOfManyItemsIsFormattedInLinearTime()
    {
        var text = "a: [" + string.Join(", ", Enumerable.Repeat(new string('x', 50_000), 40)) + "]\nb: [" + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => "v" + i)) + "]\n";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = YamlFormatter.Format(SourceText.From("huge.yaml", text), isTestFile: false);
        Assert.True(result.Succeeded, result.Refusal + string.Join("; ", result.Diagnostics));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
    }

    private static string Scaled(int checks)
    {
        var text = new StringBuilder("ruleSet: x\nversion: \"1\"\nchecks:\n");
        for (var i = 0; i < checks; i++)
        {
            text.Append("  # check ").Append(i).Append('\n')
                .Append("  - id: c").Append(i).Append('\n')
                .Append("    when: ").Append(string.Join(" and ", Enumerable.Repeat("procedure.kind == \"k\"", 8))).Append(" # why\n")
                .Append("    codes: [a, b, c]\n");
        }

        return text.ToString();
    }

    private static string Deep(int depth, Func<int, string, string> level, string leaf)
    {
        var inner = new string(' ', 2 * depth) + leaf + "\n";
        for (var d = depth - 1; d >= 0; d--)
        {
            inner = level(d, inner);
        }

        return inner;
    }

    private const string CommentsEverywhere = """
        # yaml-language-server: $schema=../../schemas/ruleset.schema.json
        #   indented header text

        # second header paragraph
        version: "1" # why quoted
        ruleSet: x   # the id


        # about handles
        handles: # what it handles
          - a # first
          # before b
          - b
          -   # a comment after a dash
            c
        summary: > # a comment after a block header
          Folded text.
        checks:
          - id: one
            when: a and b # the condition
            # after the last key of a check
          # after the last check, at the list's indentation
        # at the root, after checks
        codes: [x, # inside a flow list
          y] # after it
        vocabulary: { regions: [ { id: r } ] } # after a flow mapping
        extra:
          # between a key and its value
          inner: 1
        #no space after the hash
        last: 1
        # the end of the file
        #
        """;

    private const string BlockScalars = """
        literal: |
          line one
            indented line
          line three
        keep: |+
          kept

        strip: |-
          stripped
        leadingSpace: |2
            starts with spaces
          then not
        folded: >
          folded
          lines

          a paragraph
        moreIndented: >
          text
            more indented
          back
        trailingSpaces: "trailing  \nspaces  "
        emptyLines: "\n\nafter two breaks"
        onlyBreaks: "\n\n"
        tabs: |
          a	tab
        """;
}
