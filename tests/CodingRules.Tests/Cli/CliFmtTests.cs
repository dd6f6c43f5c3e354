namespace CodingRules.Tests.Cli;

/// <summary>
/// <c>codingrules fmt</c>, run as the real tool: <c>--check</c> lists what is not formatted at its first differing line
/// and exits 1, <c>--write</c> rewrites in place, one file prints formatted; files that do not load are reported at
/// their place and left as they are; data files are never touched.
/// </summary>
public sealed class CliFmtTests : IDisposable
{
    private const string Unformatted = "# header\nversion: '1'\nruleSet: x   # the id\nhandles: [ a,b ]\n";

    private const string Formatted = "# header\nruleSet: x # the id\nversion: \"1\"\nhandles: [a, b]\n";

    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-fmt-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void TheShippedRulesAreFormatted()
    {
        var run = CliProcess.Run(null, "fmt", "--check", "rules");
        Assert.True(run.ExitCode == 0, run.ToString() + "\nrun 'codingrules fmt --write rules' and review the diff");
    }

    [Fact]
    public void CheckListsTheFileAtItsFirstDifferentLineAndExitsOne()
    {
        var file = Write("x/1.yaml", Unformatted);
        Write("x/2.yaml", Formatted);
        var run = CliProcess.Run(null, "fmt", "--check", _temp);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{file}:2: not formatted", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("2.yaml", run.Out, StringComparison.Ordinal);
        Assert.Equal(Unformatted, File.ReadAllText(file));
    }

    [Fact]
    public void WriteRewritesInPlaceAndThenCheckPasses()
    {
        var file = Write("x/1.yaml", Unformatted);
        var tests = Write("x/1.tests.yaml", "cases: []\ntests: x@1\n");
        var data = Write("x/data.txt", "a\tb  \r\n");
        var write = CliProcess.Run(null, "fmt", "--write", _temp);
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal(Formatted, File.ReadAllText(file));
        Assert.Equal("tests: x@1\ncases: []\n", File.ReadAllText(tests));
        Assert.Equal("a\tb  \r\n", File.ReadAllText(data));
        Assert.Equal(3, Directory.EnumerateFiles(Path.Combine(_temp, "x")).Count());
        var check = CliProcess.Run(null, "fmt", "--check", _temp);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void WriteFollowsALinkAndKeepsTheFilesPermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var target = Write("shared/1.yaml", Unformatted);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Directory.CreateDirectory(Path.Combine(_temp, "x"));
        var link = Path.Combine(_temp, "x", "1.yaml");
        File.CreateSymbolicLink(link, target);

        var write = CliProcess.Run(null, "fmt", "--write", link);

        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(Formatted, File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        Assert.Equal(["1.yaml"], Directory.EnumerateFiles(Path.Combine(_temp, "shared")).Select(Path.GetFileName));
    }

    [Fact]
    public void OneFileWithoutAnOptionIsPrintedFormatted()
    {
        var file = Write("1.yaml", Unformatted);
        var run = CliProcess.Run(null, "fmt", file);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Formatted, run.Out);
        Assert.Equal(Unformatted, File.ReadAllText(file));
    }

    [Fact]
    public void AFileThatDoesNotLoadIsReportedAtItsPlaceAndLeftAsItIs()
    {
        var bad = Write("bad.yaml", "a: 1\nb: [1, 2\nc: &anchor 3\n");
        var run = CliProcess.Run(null, "fmt", "--write", bad);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{bad}:", run.Out, StringComparison.Ordinal);
        Assert.Contains("error CR1001", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{bad}: left as it is", run.Out, StringComparison.Ordinal);
        Assert.Equal("a: 1\nb: [1, 2\nc: &anchor 3\n", File.ReadAllText(bad));
        Assert.DoesNotContain("   at ", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--check", "--write")]
    [InlineData("no-such-folder")]
    [InlineData("--chek")]
    public void UsageErrorsExitTwo(params string[] args)
    {
        var run = CliProcess.Run(null, ["fmt", .. args]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralFilesWithoutAnOptionAreAUsageError()
    {
        Write("1.yaml", Formatted);
        Write("2.yaml", Formatted);
        var run = CliProcess.Run(null, "fmt", _temp);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--check or --write", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADataFileNamedIsAUsageErrorAndLeftAsItIs()
    {
        var data = Write("table.txt", "a|b\n");
        var run = CliProcess.Run(null, "fmt", "--write", data);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("a|b\n", File.ReadAllText(data));
    }

    [Fact]
    public void CarriageReturnsAndAByteOrderMarkAreNotFormatted()
    {
        var file = Write("crlf.yaml", "\uFEFFruleSet: x\r\nversion: \"1\"\r\n");
        var check = CliProcess.Run(null, "fmt", "--check", file);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains($"{file}:1: not formatted", check.Out, StringComparison.Ordinal);
        var write = CliProcess.Run(null, "fmt", "--write", file);
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal("ruleSet: x\nversion: \"1\"\n"u8.ToArray(), File.ReadAllBytes(file));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_temp, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
