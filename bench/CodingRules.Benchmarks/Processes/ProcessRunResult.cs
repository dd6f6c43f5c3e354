namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// One run of a child process: wall time from just before it was started to its exit, the processor time it used
/// (user + system, null where it cannot be read), its exit code, the bytes it wrote to standard output with their
/// SHA-256, and the end of what it wrote to standard error (for a failure message).
/// </summary>
internal sealed record ProcessRunResult(TimeSpan Wall, TimeSpan? Processor, int ExitCode, long OutputBytes, string OutputSha256, string ErrorTail);
