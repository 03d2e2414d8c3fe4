namespace Minimax.Client.Connection;

/// <summary>The API key for a cluster: --api-key, else the MINIMAX_API_KEY environment variable, else none.</summary>
public static class ClusterApiKey
{
    public const string EnvironmentVariable = "MINIMAX_API_KEY";

    public static string? Resolve(string? option)
    {
        var key = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : option;
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }
}
