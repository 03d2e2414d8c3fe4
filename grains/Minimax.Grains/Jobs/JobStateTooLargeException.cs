namespace Minimax.Grains.Jobs;

/// <summary>A grain state row would exceed <see cref="StateWrites.MaxRowBytes"/>: refused before storage sees it, never retried.</summary>
public sealed class JobStateTooLargeException(string message) : Exception(message);
