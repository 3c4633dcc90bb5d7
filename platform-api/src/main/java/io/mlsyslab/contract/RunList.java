package io.mlsyslab.contract;

import java.util.List;

/** Body of {@code GET runs}: one page, newest first; {@code nextPageToken} is null on the last page. */
public record RunList(List<Run> runs, String nextPageToken) {}
