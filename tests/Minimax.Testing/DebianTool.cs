namespace Minimax.Testing;

/// <summary>
/// A command-line tool the tests need (prometheus, promtool, kubectl): on PATH, else from a Debian package that the
/// tests unpack themselves into a cache folder (~/.cache/minimax/PACKAGE, or under $XDG_CACHE_HOME): <c>apt-get
/// download</c> (after <c>apt-get update</c> only when apt does not know the package) and <c>dpkg -x</c>, so nothing
/// is installed system-wide and no service starts. Test assemblies run in parallel processes, so the download holds a
/// lock file beside the cache folder.
/// </summary>
public static class DebianTool
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static string CacheRoot { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "minimax");

    /// <summary>The path of <paramref name="tool"/>: on PATH, else in <paramref name="package"/>'s usr/bin, unpacked first when needed.</summary>
    public static async Task<string> FindAsync(string tool, string package, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(CacheRoot, package);
        var found = OnPath(tool) ?? Cached(folder, tool);
        if (found is not null)
        {
            return found;
        }
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException($"{tool} is not on PATH; install it (the tests unpack Debian's {package} package by themselves only on Linux).");
        }
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(InstallTimeout);
            Directory.CreateDirectory(CacheRoot);
            await using var crossProcessLock = await InstallLock.AcquireAsync(folder + ".lock", deadline.Token);
            if (Cached(folder, tool) is { } installed)
            {
                return installed;
            }
            await InstallAsync(package, folder, deadline.Token);
            return Cached(folder, tool) ?? throw new InvalidOperationException(
                $"Debian's {package} package was unpacked into {folder} but holds no usr/bin/{tool}.");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string? Cached(string folder, string tool) =>
        Path.Combine(folder, "usr", "bin", tool) is var path && File.Exists(path) ? path : null;

    private static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    private static async Task InstallAsync(string package, string folder, CancellationToken cancellationToken)
    {
        if (OnPath("apt-get") is null || OnPath("dpkg") is null)
        {
            throw new InvalidOperationException($"this is not a Debian-like system (no apt-get or dpkg): install {package}'s tools and put them on PATH.");
        }
        var download = Directory.CreateTempSubdirectory($"minimax-{package}-deb-").FullName;
        var unpacked = folder + ".partial";
        try
        {
            var fetched = await ExternalCommand.RunSeparatelyAsync("apt-get", ["download", package], download, cancellationToken);
            if (fetched.ExitCode != 0)
            {
                // Empty package lists (fresh containers, CI images): refresh them once and try again.
                var update = await ExternalCommand.RunSeparatelyAsync("apt-get", ["update"], download, cancellationToken);
                if (update.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"'apt-get download {package}' failed ({fetched.Errors.Trim()}) and 'apt-get update' failed too (it needs root): " +
                        $"{update.Errors.Trim()}. Install {package}, or put its tools on PATH.");
                }
                fetched = await ExternalCommand.RunSeparatelyAsync("apt-get", ["download", package], download, cancellationToken);
            }
            var deb = Directory.EnumerateFiles(download, $"{package}_*.deb").FirstOrDefault()
                ?? throw new InvalidOperationException($"'apt-get download {package}' fetched no package: {fetched.Output.Trim()} {fetched.Errors.Trim()}");
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }
            var extract = await ExternalCommand.RunSeparatelyAsync("dpkg", ["-x", deb, unpacked], download, cancellationToken);
            if (extract.ExitCode != 0)
            {
                throw new InvalidOperationException($"'dpkg -x {deb}' failed: {extract.Errors.Trim()}");
            }
            // One rename, so a process that finds the cache folder finds it complete.
            Directory.Move(unpacked, folder);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }
}
