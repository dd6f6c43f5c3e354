using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// Runs one command as a real child process and times it from just before the start to its exit (Stopwatch). Standard
/// output is read as it comes, hashed and counted, never kept; standard input is closed at once; a run that outlives
/// its timeout is killed (with its children) and fails the benchmark.
/// </summary>
internal static class ProcessRunner
{
    private const int ErrorTailChars = 4000;

    public static ProcessRunResult Run(ChildCommand command, ProcessScenario scenario, string workingDirectory, TimeSpan timeout)
    {
        using var process = new System.Diagnostics.Process { StartInfo = command.StartInfo(scenario.Arguments, workingDirectory) };
        var processorBefore = ProcessorTime.Children();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{command} did not start: {e.Message}", e);
        }

        process.StandardInput.Close();
        var output = Task.Run(() => Drain(process.StandardOutput.BaseStream));
        var error = Task.Run(() => Tail(process.StandardError));
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{scenario.Name}' with {command} ran past its timeout of {timeout.TotalSeconds:0} s and was killed."));
        }

        var wall = stopwatch.Elapsed;
        var processor = ProcessorTime.Children() - processorBefore;

        // Note: the pipes end when the child exits, unless it left a process of its own holding them open.
        if (!Task.WaitAll([output, error], timeout))
        {
            throw new InvalidOperationException($"'{scenario.Name}' with {command} exited, but its output did not end.");
        }

        var (bytes, sha256) = output.Result;
        return new ProcessRunResult(wall, processor, process.ExitCode, bytes, sha256, error.Result);
    }

    private static (long Bytes, string Sha256) Drain(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Tail(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * ErrorTailChars)
            {
                tail.Remove(0, tail.Length - ErrorTailChars);
            }
        }

        return tail.Length > ErrorTailChars ? tail.ToString(tail.Length - ErrorTailChars, ErrorTailChars) : tail.ToString();
    }
}
