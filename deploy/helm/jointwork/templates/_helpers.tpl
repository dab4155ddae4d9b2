{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "jointwork.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "jointwork.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "jointwork.selectorLabels" -}}
app.kubernetes.io/name: {{ include "jointwork.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "jointwork.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "jointwork.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "jointwork.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "jointwork.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image, pinned by digest or tag; "latest" is refused. */}}
{{- define "jointwork.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- $tag := default .Chart.AppVersion .Values.image.tag | toString }}
{{- if eq $tag "latest" }}
{{- fail "image.tag: pin a version (or set image.digest); \"latest\" is not allowed" }}
{{- end }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/* GOMEMLIMIT: goMemLimitPercent of resources.limits.memory when it is in Mi or Gi. */}}
{{- define "jointwork.goMemLimit" -}}
{{- $mem := toString (dig "limits" "memory" "" (.Values.resources | default dict)) }}
{{- $pct := int .Values.goMemLimitPercent }}
{{- if hasSuffix "Gi" $mem }}
{{- div (mul (trimSuffix "Gi" $mem | int) 1024 $pct) 100 }}MiB
{{- else if hasSuffix "Mi" $mem }}
{{- div (mul (trimSuffix "Mi" $mem | int) $pct) 100 }}MiB
{{- end }}
{{- end }}

{{/* Checks on values that templates cannot express in a schema. */}}
{{- define "jointwork.validate" -}}
{{- if not (has .Values.redis.mode (list "single" "sentinel" "cluster")) }}
{{- fail (printf "redis.mode: want single, sentinel or cluster, got %q" (toString .Values.redis.mode)) }}
{{- end }}
{{- if and (not .Values.redis.urlSecret.name) .Values.redis.url (not (regexMatch "^rediss?://" .Values.redis.url)) }}
{{- fail "redis.url: want redis://... or rediss://..." }}
{{- end }}
{{- if and (not .Values.redis.urlSecret.name) (not .Values.redis.url) }}
{{- fail "redis: set redis.urlSecret.name (a Secret holding JOINTWORK_REDIS_URL) or redis.url" }}
{{- end }}
{{- end }}
