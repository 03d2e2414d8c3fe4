using System.Diagnostics;

namespace Minimax.Engine.Tests.Files;

/// <summary>Links and special files a hostile corpus may hold.</summary>
internal static class SpecialFiles
{
    public static void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>A FIFO (named pipe) at <paramref name="path"/>: opening it for reading blocks until a writer comes.</summary>
    public static void Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Runs <paramref name="action"/>, which must throw a <typeparamref name="T"/> within seconds without allocating much.</summary>
    public static T RefusedQuickly<T>(Action action)
        where T : Exception
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var task = Task.Run(() => Assert.Throws<T>(action));
        Assert.True(task.Wait(TimeSpan.FromSeconds(10)), "the reader did not refuse within 10 s (it blocked on the file)");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocated < 64L << 20, "the reader allocated more than 64 MiB before refusing");
        return task.Result;
    }
}
