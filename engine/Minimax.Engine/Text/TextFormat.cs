namespace Minimax.Engine.Text;

public enum TextFormat
{
    /// <summary>One subfolder per domain holding .txt files (one document each) and/or .jsonl files (one document per record).</summary>
    TextFolders,

    /// <summary>A .jsonl file, or a folder of them; each record holds its text and its domain name.</summary>
    Jsonl,
}
