namespace Minimax.Testing;

/// <summary>
/// Finds the <c>prometheus</c> binary: on PATH, else in a cache folder (~/.cache/minimax/prometheus, or
/// $XDG_CACHE_HOME/minimax/prometheus) that it fills itself the first time from Debian's <c>prometheus</c>
/// package: <c>apt-get download</c> (after <c>apt-get update</c> only when apt does not know the package) and
/// <c>dpkg -x</c>, so nothing is installed system-wide and no service is started. Test assemblies run in
/// parallel processes, so the download holds a lock file beside the cache folder.
/// </summary>
public static class PrometheusInstallation
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The folder the package is unpacked into (its usr/bin holds prometheus and promtool).</summary>
    public static string CacheFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "minimax", "prometheus");

    private static string CachedBinary(string tool) => Path.Combine(CacheFolder, "usr", "bin", tool);

    /// <summary>The path of <paramref name="tool"/> (prometheus or promtool), installing the package first when needed.</summary>
    public static async Task<string> FindAsync(string tool = "prometheus", CancellationToken cancellationToken = default)
    {
        var found = OnPath(tool) ?? Cached(tool);
        if (found is not null)
        {
            return found;
        }
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException($"{tool} is not on PATH; install Prometheus (the tests install Debian's package by themselves only on Linux).");
        }
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(InstallTimeout);
            Directory.CreateDirectory(Path.GetDirectoryName(CacheFolder)!);
            await using var crossProcessLock = await InstallLock.AcquireAsync(CacheFolder + ".lock", deadline.Token);
            if (Cached(tool) is { } installed)
            {
                return installed;
            }
            await InstallAsync(deadline.Token);
            return Cached(tool) ?? throw new InvalidOperationException(
                $"Debian's prometheus package was unpacked into {CacheFolder} but holds no usr/bin/{tool}.");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string? Cached(string tool) => File.Exists(CachedBinary(tool)) ? CachedBinary(tool) : null;

    private static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    private static async Task InstallAsync(CancellationToken cancellationToken)
    {
        if (OnPath("apt-get") is null || OnPath("dpkg") is null)
        {
            throw new InvalidOperationException(
                "prometheus is not on PATH and this is not a Debian-like system (no apt-get or dpkg); install Prometheus 2.x and put it on PATH.");
        }
        var download = Directory.CreateTempSubdirectory("minimax-prometheus-deb-").FullName;
        var unpacked = CacheFolder + ".partial";
        try
        {
            var fetched = await ExternalCommand.RunAsync("apt-get", ["download", "prometheus"], download, cancellationToken);
            if (fetched.ExitCode != 0)
            {
                // Empty package lists (fresh containers, CI images): refresh them once and try again.
                var update = await ExternalCommand.RunAsync("apt-get", ["update"], download, cancellationToken);
                if (update.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"prometheus is missing; 'apt-get download prometheus' failed ({fetched.Output.Trim()}) and 'apt-get update' failed too " +
                        $"(it needs root): {update.Output.Trim()}. Install it with 'apt-get install prometheus' or put a prometheus binary on PATH.");
                }
                fetched = await ExternalCommand.RunAsync("apt-get", ["download", "prometheus"], download, cancellationToken);
            }
            var package = Directory.EnumerateFiles(download, "prometheus_*.deb").FirstOrDefault()
                ?? throw new InvalidOperationException($"'apt-get download prometheus' fetched no package: {fetched.Output.Trim()}");
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }
            var extract = await ExternalCommand.RunAsync("dpkg", ["-x", package, unpacked], download, cancellationToken);
            if (extract.ExitCode != 0)
            {
                throw new InvalidOperationException($"'dpkg -x {package}' failed: {extract.Output.Trim()}");
            }
            // One rename, so a process that finds the cache folder finds it complete (an incomplete one is replaced).
            if (Directory.Exists(CacheFolder))
            {
                Directory.Delete(CacheFolder, recursive: true);
            }
            Directory.Move(unpacked, CacheFolder);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }
}
