using System.Runtime.InteropServices;

namespace Minimax.Engine.Tests.Models;

/// <summary>
/// The process's peak resident memory since a reset, native (libtorch) allocations included: Linux resets the
/// high-water mark VmHWM to the current resident size when "5" is written to /proc/self/clear_refs.
/// </summary>
internal static class PeakResidentMemory
{
    public static bool Supported => File.Exists("/proc/self/clear_refs");

    /// <summary>Collects garbage, resets the peak and returns the resident bytes now (the baseline).</summary>
    public static long Reset()
    {
        // Aggressive: the GC also hands back the memory it keeps committed for reuse, which this test's own
        // managed allocations would otherwise fill without raising the resident size (an estimate then seemed
        // more than 2x the measured peak in one full run).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // Memory earlier tests freed but glibc kept would be reused unseen; hand it back first.
        MallocTrim(0);
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Read("VmRSS:");
    }

    /// <summary>The peak resident bytes since the last <see cref="Reset"/>.</summary>
    public static long Peak() => Read("VmHWM:");

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static long Read(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
