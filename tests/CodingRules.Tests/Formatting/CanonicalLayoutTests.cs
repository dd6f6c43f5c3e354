namespace CodingRules.Tests.Formatting;

/// <summary>The canonical layout, rule by rule (docs/authoring.md, "Formatting"): each input beside the text it formats to.</summary>
public sealed class CanonicalLayoutTests
{
    private static void Formats(string input, string expected, bool isTestFile = false) =>
        Assert.Equal(expected, FormatChecks.Formatted(input, isTestFile));

    [Fact]
    public void KeysFollowTheSchemaAndUndeclaredKeysKeepTheirOrderAfterThem() =>
        Formats(
            "zeta: 1\nversion: \"1\"\nalpha: 2\nruleSet: x\n",
            "ruleSet: x\nversion: \"1\"\nzeta: 1\nalpha: 2\n");

    [Fact]
    public void NestedKeysFollowTheSchemaOfTheirPlace() =>
        Formats(
            "ruleSet: x\ncodes:\n  - addOn: true\n    code: \"1\"\n",
            "ruleSet: x\ncodes:\n  - code: \"1\"\n    addOn: true\n");

    [Fact]
    public void TestFilesFollowTheTestSchema() =>
        Formats("cases: []\ntests: x@1\n", "tests: x@1\ncases: []\n", isTestFile: true);

    [Fact]
    public void ACommentAboveAKeyAndOneAtItsEndMoveWithIt() =>
        Formats(
            "version: \"1\" # quoted\n# the id\nruleSet: x\n",
            "# the id\nruleSet: x\nversion: \"1\" # quoted\n");

    [Fact]
    public void TheHeaderStaysAtTheTop() =>
        Formats(
            "# header\nversion: \"1\"\nruleSet: x\n",
            "# header\nruleSet: x\nversion: \"1\"\n");

    [Fact]
    public void BlankLinesBetweenEntriesAreKeptOnceAndNeverOpenABlock() =>
        Formats(
            "ruleSet: x\n\n\n\nversion: \"1\"\nchecks:\n\n  - id: a\n\n\n  - id: b\n",
            "ruleSet: x\n\nversion: \"1\"\nchecks:\n  - id: a\n\n  - id: b\n");

    // Note: an empty key at the start of a line (": value") comes from YamlDotNet with an earlier key's mark, not
    // its own. FsCheck found this text (FormattingNeverThrowsOnYamlishText): the ":" entry took the blank line above
    // "0key", the text formatted from it had no blank line there, and so formatted differently again (refused).
    [Fact]
    public void AnEmptyKeyAfterABlockScalarBelowABlankLineFormatsToItself() =>
        Formats("\n0key: |\n  lit\n:", "\"0key\": |\n  lit\n:\n");

    // Note: the key's digit and the block scalar do not matter; the blank line above the earlier key does.
    [Theory]
    [InlineData("0key: |\n  lit\n:", "\"0key\": |\n  lit\n:\n")]
    [InlineData("\nkey: |\n  lit\n:", "key: |\n  lit\n:\n")]
    [InlineData("\nkey: x\n:\n", "key: x\n:\n")]
    [InlineData("\nkey: x\n: v\n", "key: x\n: v\n")]
    [InlineData("\n0key: >\n  f\n:\n", "\"0key\": >\n  f\n:\n")]
    public void AnEmptyKeyDoesNotTakeTheBlankLineAboveAnEarlierKey(string input, string expected) => Formats(input, expected);

    [Fact]
    public void AnEmptyKeyKeepsItsOwnBlankLine() =>
        Formats("a: 1\n\n: 2\n", "a: 1\n\n: 2\n");

    [Fact]
    public void ACommentAboveAnEmptyKeyStaysRightAboveIt() =>
        Formats("# h\n\na: 1\n\n# c\n: 2\n", "# h\n\na: 1\n\n# c\n: 2\n");

    [Fact]
    public void ACommentAfterTheColonOfAnEmptyKeyIsTheKeysAsAfterAnyKey() =>
        Formats("a: 1\n: # c\n  v\nb: # d\n  w\n", "a: 1\n: v # c\nb: w # d\n");

    // Note: YamlDotNet reads a value written as nothing ("k:", "-") only once it has read past the comments below it;
    // they had gone above the key (a comment about b above a), and, with a blank line, formatted differently again.
    // FsCheck found the last two.
    [Theory]
    [InlineData("a:\n# about b\nb: 1\n", "a:\n# about b\nb: 1\n")]
    [InlineData("a:\n\n# about b\nb: 1\n", "a:\n\n# about b\nb: 1\n")]
    [InlineData("a: 1\nb:\n# the end\n", "a: 1\nb:\n# the end\n")]
    [InlineData("a:\n  -\n  # about x\n  - x\n", "a:\n  -\n  # about x\n  - x\n")]
    [InlineData("when: \n\nCchecks:\n#b  - id: x\n", "when:\n\nCchecks:\n#b  - id: x\n")]
    [InlineData("checks:\nchecks:\n # c2012-01-01", "checks:\nchecks:\n# c2012-01-01\n")]
    public void ACommentBelowAnEmptyValueStaysBelowIt(string input, string expected) => Formats(input, expected);

    // Note: a comment after a root written in flow is read as the header's; one inside an empty root flow collection
    // had been written after it, and so moved above it when formatted again. FsCheck found the first.
    [Theory]
    [InlineData("[# c\n]", "# c\n[]\n")]
    [InlineData("# h\n{\n\n# c\n}\n", "# h\n\n# c\n{}\n")]
    public void ACommentInsideAnEmptyRootFlowCollectionGoesAboveIt(string input, string expected) => Formats(input, expected);

    [Fact]
    public void IndentationIsTwoSpacesAndSequencesAreIndentedUnderTheirKey() =>
        Formats(
            "checks:\n- id: a\n  effect:\n        replace:\n              code: \"1\"\n",
            "checks:\n  - id: a\n    effect:\n      replace:\n        code: \"1\"\n");

    [Fact]
    public void TextsArePlainWhenSafeElseDoubleQuotedOrSingleQuotedWhenThatNeedsFewerEscapes() =>
        Formats(
            "a: \"plain text\"\nb: 'it''s'\nc: \"a: b\"\nd: '\"q\" == x'\ne: \"#hash\"\nf: \"tab\\tin\"\ng: ' lead'\n",
            "a: plain text\nb: it's\nc: \"a: b\"\nd: '\"q\" == x'\ne: \"#hash\"\nf: \"tab\\tin\"\ng: \" lead\"\n");

    [Fact]
    public void TextsThatLookLikeNumbersDatesOrBooleansStayQuoted() =>
        Formats(
            "a: '64635'\nb: \"2012-01\"\nc: 2012-01-01\nd: 'yes'\ne: \"1.5\"\nf: \"null\"\ng: \"L4-L5\"\n",
            "a: \"64635\"\nb: \"2012-01\"\nc: \"2012-01-01\"\nd: \"yes\"\ne: \"1.5\"\nf: \"null\"\ng: L4-L5\n");

    [Fact]
    public void YamlOneOneBooleansAreQuoted() =>
        Formats("a: [y, n, on, off, yes, no, x]\n", "a: [\"y\", \"n\", \"on\", \"off\", \"yes\", \"no\", x]\n");

    [Fact]
    public void PlainNumbersBooleansAndNullsAreWrittenAsTheyWere() =>
        Formats("a: 0085\nb: True\nc: ~\nd:\ne: 1.50\n", "a: 0085\nb: True\nc: ~\nd:\ne: 1.50\n");

    [Fact]
    public void ALongConditionIsFoldedAndFilledToTheWidth()
    {
        var condition = string.Join(" and ", Enumerable.Range(1, 12).Select(i => $"procedure.value{i} > {i}"));
        var formatted = FormatChecks.Formatted($"checks:\n  - id: a\n    when: {condition}\n");
        Assert.StartsWith("checks:\n  - id: a\n    when: >-\n      procedure.value1 > 1 and", formatted, StringComparison.Ordinal);
        Assert.All(formatted.Split('\n'), line => Assert.True(line.Length <= 120, line));
        Assert.True(formatted.Split('\n').Length > 5);
    }

    [Fact]
    public void ATextTooLongForItsKeysLineButNotForALineOfItsOwnIsFoldedOntoOneLine()
    {
        var text = string.Join(' ', Enumerable.Repeat("words", 18));
        Formats($"cases:\n  - description: {text}\n", $"cases:\n  - description: >-\n      {text}\n", isTestFile: true);
    }

    [Fact]
    public void AShortFoldedTextWithoutALineBreakBecomesOneLine() =>
        Formats("note: >-\n  short\n  text\n", "note: short text\n");

    [Fact]
    public void AFoldedTextEndingInALineBreakStaysABlock() =>
        Formats("note: >\n  short\n  text\n", "note: >\n  short text\n");

    [Fact]
    public void ALiteralBlockStaysLiteral() =>
        Formats("note: |\n    one\n    two\n", "note: |\n  one\n  two\n");

    [Fact]
    public void AWordLongerThanTheWidthStaysOnItsLine()
    {
        var url = "https://example.org/" + new string('a', 150);
        Formats($"url: {url}\n", $"url: {url}\n");
    }

    [Fact]
    public void AFlowCollectionStaysFlowWhileItFits() =>
        Formats("a: [ x,z ]\nb: {k: v,  l: [1, 2]}\n", "a: [x, z]\nb: { k: v, l: [1, 2] }\n");

    [Fact]
    public void ABlockCollectionStaysBlock() =>
        Formats("a:\n  - x\n  - z\n", "a:\n  - x\n  - z\n");

    [Fact]
    public void ALongFlowListOfScalarsIsFilledAndContinuedTwoSpacesIn()
    {
        var items = Enumerable.Range(100, 40).Select(i => $"M{i}.5").ToList();
        var formatted = FormatChecks.Formatted($"p:\n  default: [{string.Join(", ", items)}]\n");
        var lines = formatted.TrimEnd('\n').Split('\n');
        Assert.StartsWith("  default: [M100.5, M101.5,", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(2), l => Assert.StartsWith("    M", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length <= 120, l));
        Assert.EndsWith("M139.5]", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void AFlowMappingTooLongForItsLineBecomesABlock()
    {
        var description = string.Join(' ', Enumerable.Repeat("words", 15));
        Formats(
            $"p:\n  x: {{ type: string, description: {description} }}\n",
            $"p:\n  x:\n    type: string\n    description: {description}\n");
    }

    [Fact]
    public void AFlowCollectionHoldingACommentBecomesABlock() =>
        Formats("a: [x, # the first\n  z]\n", "a:\n  - x # the first\n  - z\n");

    [Fact]
    public void CarriageReturnsAndAByteOrderMarkAreDropped() =>
        Formats("\uFEFFa: 1\r\nb: 2\r\n", "a: 1\nb: 2\n");

    // Note: the file reader drops one byte order mark and so does the formatter; a second one is text, and stays.
    [Fact]
    public void OnlyTheFirstByteOrderMarkIsDropped() =>
        Formats("\uFEFF\uFEFFy: 1\n", "\"\\uFEFFy\": 1\n");

    [Fact]
    public void TheFileEndsWithOneLineBreak() =>
        Formats("a: 1", "a: 1\n");

    [Fact]
    public void ACommentAfterADashGoesAboveTheItem() =>
        Formats("a:\n  - # about b\n    b: 1\n", "a:\n  # about b\n  - b: 1\n");

    [Fact]
    public void CommentsAtTheEndOfACollectionStayAtItsIndentation() =>
        Formats(
            "a:\n  b: 1\n  # end of a\n# before c\nc: 2\n# end of file\n",
            "a:\n  b: 1\n  # end of a\n# before c\nc: 2\n# end of file\n");
}
