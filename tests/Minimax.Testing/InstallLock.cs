namespace Minimax.Testing;

/// <summary>
/// A lock file held while a test dependency installs itself: test assemblies run in parallel processes, and
/// the first one installs while the others wait.
/// </summary>
public static class InstallLock
{
    /// <summary>Opens <paramref name="path"/> exclusively, polling while another process holds it; dispose to release.</summary>
    public static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another test process holds it while it installs; poll until it is done.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
