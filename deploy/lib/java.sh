# Sourced by the project's scripts: selects the newest JDK >= 21 on this machine as JAVA_HOME.
# An explicit JAVA_HOME pointing at JDK 21+ wins.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

select_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "A JDK 21 or newer is needed; set JAVA_HOME to one." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

select_java_home
export PATH="$JAVA_HOME/bin:$PATH"
