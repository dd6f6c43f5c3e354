using System.CommandLine;
using System.Text;
using CodingRules.Diagnostics;
using CodingRules.Formatting;
using CodingRules.Loading;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules fmt [PATH...] [--check | --write]</c>: lays rule, library and test files (<c>*.yaml</c>, <c>*.yml</c>)
/// out in the canonical layout. <c>--check</c> lists each file that is not laid out (<c>path:line: not formatted</c>,
/// the first line that differs) and exits 1; <c>--write</c> rewrites them in place; with neither, the one file given
/// is printed laid out. A file that does not load is reported with its diagnostics and left as it is (exit 1); a path
/// that does not exist or a file that cannot be read exits 2.
/// </summary>
internal static class FmtCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliConsole console, string defaultRules)
    {
        var paths = new Argument<string[]>("paths") { Description = "Rule and test files or folders (default: the rules folder)", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<bool>("--check") { Description = "List the files that are not formatted (the first line that differs) and exit 1 if any" };
        var write = new Option<bool>("--write", "-w") { Description = "Rewrite the files that are not formatted, in place" };
        var command = new Command("fmt", "Lay rule and test files out in the canonical layout (key order, wrapping, quoting), keeping comments.")
        {
            paths,
            check,
            write,
        };
        command.SetAction(parse =>
        {
            var (isCheck, isWrite) = (parse.GetValue(check), parse.GetValue(write));
            if (isCheck && isWrite)
            {
                return Usage(console, "--check and --write cannot be given together");
            }

            var targets = parse.GetValue(paths) is { Length: > 0 } p ? p : [defaultRules];
            var found = new DiagnosticBag();
            var files = RuleFileReader.FindFiles(targets, found).Where(f => targets.Contains(f) || IsYaml(f)).ToList();
            if (found.Count > 0)
            {
                DiagnosticFormatter.WriteText(console.Error, found.ToSortedArray());
                return ExitCodes.Usage;
            }

            if (files.FirstOrDefault(f => !IsYaml(f)) is { } other)
            {
                return Usage(console, $"{other}: not a YAML file; fmt lays out *.yaml and *.yml files (data files are left as they are)");
            }

            if (!isCheck && !isWrite && files.Count != 1)
            {
                return Usage(console, $"{files.Count} files to format: give --check or --write, or one file to print it formatted");
            }

            return isCheck || isWrite ? FormatAll(console, files, isWrite) : Print(console, files[0]);
        });
        return command;
    }

    private static int Print(CliConsole console, string file)
    {
        var read = new DiagnosticBag();
        if (RuleFileReader.Read(file, read) is not { } source)
        {
            DiagnosticFormatter.WriteText(console.Error, read.ToSortedArray());
            return ExitCodes.Usage;
        }

        var result = YamlFormatter.Format(source, RuleFileReader.IsTestFile(file));
        if (!result.Succeeded)
        {
            Report(console.Error, file, result);
            return ExitCodes.Problems;
        }

        console.Out.Write(result.Text);
        return ExitCodes.Ok;
    }

    private static int FormatAll(CliConsole console, List<string> files, bool write)
    {
        var (changed, problems, unreadable) = (0, 0, 0);
        foreach (var file in files)
        {
            var read = new DiagnosticBag();
            if (RuleFileReader.Read(file, read) is not { } source)
            {
                DiagnosticFormatter.WriteText(console.Out, read.ToSortedArray());
                unreadable++;
                continue;
            }

            var result = YamlFormatter.Format(source, RuleFileReader.IsTestFile(file));
            if (!result.Succeeded)
            {
                Report(console.Out, file, result);
                problems++;
                continue;
            }

            var bytes = RuleFileReader.ReadAtMost(file, LoadLimits.MaxFileBytes + 1);
            var formatted = Utf8.GetBytes(result.Text!);
            if (bytes.AsSpan().SequenceEqual(formatted))
            {
                continue;
            }

            changed++;
            if (write)
            {
                WriteInPlace(file, formatted);
                console.Out.WriteLine($"{file}: formatted");
            }
            else
            {
                console.Out.WriteLine($"{file}:{FirstDifferentLine(Encoding.UTF8.GetString(bytes), result.Text!)}: not formatted");
            }
        }

        var verb = write ? "formatted" : "not formatted";
        console.Out.WriteLine($"{files.Count} {(files.Count == 1 ? "file" : "files")}: {changed} {verb}, {problems + unreadable} not readable as rules");
        return unreadable > 0 ? ExitCodes.Usage : problems > 0 || (changed > 0 && !write) ? ExitCodes.Problems : ExitCodes.Ok;
    }

    private static void Report(TextWriter writer, string file, FormatResult result)
    {
        if (result.Refusal is { } refusal)
        {
            writer.WriteLine($"{file}: left as it is: {refusal}");
        }
        else
        {
            DiagnosticFormatter.WriteText(writer, result.Diagnostics);
            writer.WriteLine($"{file}: left as it is: it does not load");
        }
    }

    /// <summary>The 1-based number of the first line where <paramref name="text"/> and <paramref name="formatted"/> differ.</summary>
    internal static int FirstDifferentLine(string text, string formatted)
    {
        var (a, b) = (text.Split('\n'), formatted.Split('\n'));
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return Math.Min(i + 1, Math.Max(a.Length, 1));
    }

    /// <summary>
    /// Writes beside the file, then moves over it: a reader sees the old text or the new, never half of it. A link is
    /// followed (the file it names is rewritten, the link stays a link) and the file keeps its permissions.
    /// </summary>
    private static void WriteInPlace(string file, byte[] bytes)
    {
        var info = new FileInfo(file);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        var temporary = Path.Combine(target.DirectoryName!, $".{target.Name}.{Environment.ProcessId}.fmt");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target.FullName));
            }

            File.Move(temporary, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static bool IsYaml(string file) => Path.GetExtension(file) is ".yaml" or ".yml";

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"codingrules: {message}");
        return ExitCodes.Usage;
    }
}
