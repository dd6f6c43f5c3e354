using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CodingRules.Benchmarks.Processes;

/// <summary>What the figures were measured on: cores, CPU, memory, SDK and runtime, OS, the repository's commit.</summary>
internal sealed record MachineDescription(
    int Cores,
    string Cpu,
    string Memory,
    string DotnetVersion,
    string Runtime,
    string OperatingSystem,
    string Commit)
{
    /// <summary>Reads the machine; <c>dotnet --version</c> and <c>git</c> run in <paramref name="repositoryRoot"/> (its global.json).</summary>
    public static MachineDescription Read(string repositoryRoot) => new(
        Environment.ProcessorCount,
        ProcFileValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Gibibytes(ProcFileValue("/proc/meminfo", "MemTotal")),
        Output("dotnet", ["--version"], repositoryRoot) ?? "unknown",
        $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}",
        RuntimeInformation.OSDescription,
        Output("git", ["describe", "--always", "--dirty", "--abbrev=7"], repositoryRoot) ?? "unknown");

    /// <summary>The load average (1, 5 and 15 minutes) as /proc/loadavg gives it, or "unknown" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>The DOTNET_ settings of the environment the children inherit (tiered compilation, GC...), which change the figures.</summary>
    public static string RuntimeSettings()
    {
        var settings = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("COMPlus_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}");
        return string.Join(' ', settings) is { Length: > 0 } joined ? joined : "none";
    }

    // /proc/meminfo says "24684092 kB".
    private static string Gibibytes(string? memTotal) =>
        memTotal?.Split(' ') is [var kilobytes, "kB"] && long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:0.0} GiB")
            : memTotal ?? "unknown";

    private static string? ProcFileValue(string path, string key)
    {
        try
        {
            return File.ReadLines(path)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Output(string program, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = System.Diagnostics.Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var text = process.StandardOutput.ReadToEnd().Trim();
            _ = process.StandardError.ReadToEnd();
            return process.WaitForExit(TimeSpan.FromSeconds(60)) && process.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
