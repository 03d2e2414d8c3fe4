namespace Minimax.Engine.Text;

/// <summary>One document of a domain, with where it came from (<paramref name="Line"/> is null for a whole .txt file).</summary>
internal readonly record struct TextDocument(string Domain, string Text, string File, int? Line);
