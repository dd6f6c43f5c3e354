using System.Runtime.InteropServices;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// Processor time (user + system) from <c>getrusage</c>: of this process (all its threads), and of its finished
/// children. Read before and after one child runs, the difference of <see cref="Children"/> is that child's own time,
/// which a busy machine inflates far less than the wall time. Null where the call is not available (it is on Linux
/// and macOS).
/// </summary>
/// <remarks>
/// A child's time is counted once the runtime has reaped it, which it does before <c>WaitForExit</c> returns; the
/// benchmark starts one child at a time and nothing else, so the difference belongs to that child.
/// </remarks>
internal static class ProcessorTime
{
    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    /// <summary>The time used by this process's children that have finished and been waited for.</summary>
    public static TimeSpan? Children() => Read(RusageChildren);

    /// <summary>The time used by this process so far, every thread (JIT and GC included).</summary>
    public static TimeSpan? Self() => Read(RusageSelf);

    private static TimeSpan? Read(int who)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || getrusage(who, out var usage) != 0)
        {
            return null;
        }

        return usage.User.ToTimeSpan() + usage.System.ToTimeSpan();
    }

    // Note: DllImport rather than LibraryImport, whose generated stub would need unsafe code in this project; the
    // struct is blittable, so nothing is marshalled. getrusage lives in libc on both systems.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int getrusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeValue
    {
        public readonly long Seconds;
        public readonly long Microseconds;

        public TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    // struct rusage: two timevals, then fourteen longs this benchmark does not read.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Rusage
    {
        public readonly TimeValue User;
        public readonly TimeValue System;
        private readonly long _maxrss, _ixrss, _idrss, _isrss, _minflt, _majflt, _nswap;
        private readonly long _inblock, _oublock, _msgsnd, _msgrcv, _nsignals, _nvcsw, _nivcsw;
    }
}
