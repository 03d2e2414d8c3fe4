namespace Minimax.Testing;

/// <summary>The repository checkout the tests run from: the first folder above the test binaries holding Platform.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Platform.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Platform.sln in any folder above {AppContext.BaseDirectory}.");
    }
}
