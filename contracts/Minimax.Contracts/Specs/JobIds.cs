namespace Minimax.Contracts.Specs;

/// <summary>The syntax of run and job ids: 1 to <see cref="MaxLength"/> ASCII letters, digits, '-' or '_'.</summary>
public static class JobIds
{
    public const int MaxLength = 128;

    public const string Rule = "must be at most 128 letters, digits, '-' or '_'";

    public static bool IsValid(string id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
