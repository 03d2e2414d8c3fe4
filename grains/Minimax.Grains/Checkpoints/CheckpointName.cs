namespace Minimax.Grains.Checkpoints;

/// <summary>
/// Checkpoint names are relative, '/'-separated paths ("runs/run-1/step-000100"). Both stores refuse the
/// same names, so a name that works locally works on Blob storage and cannot escape the local folder.
/// </summary>
public static class CheckpointName
{
    public static void Validate(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        if (name.StartsWith('/') || name.Contains('\\') || name.Contains('\0'))
        {
            throw new ArgumentException($"Checkpoint name '{name}' must be a relative path with '/' separators.", parameterName);
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment is "." or "..")
            {
                throw new ArgumentException($"Checkpoint name '{name}' must not contain '.' or '..' segments.", parameterName);
            }
        }
    }
}
