from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional

from councilportal.answering.labels import OUTCOME_LABELS, RATING_LABELS
from councilportal.answering.models import Outcome
from councilportal.answering.workflow import ACTIONS_MAX_LENGTH, ANSWER_MAX_LENGTH, COMMENT_MAX_LENGTH
from councilportal.forms import PortalForm, choices, max_length
from councilportal.viewpoints.follow_ups import COMMENT_MAX_LENGTH as FOLLOW_UP_COMMENT_MAX_LENGTH
from councilportal.viewpoints.labels import FOLLOW_UP_ANSWER_LABELS, VISIBILITY_LABELS
from councilportal.viewpoints.models import FollowUpAnswer, Visibility
from councilportal.viewpoints.workflow import (
    BODY_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)

MAX_ATTACHMENTS = 5


class PersonalDataChecked(PortalForm):
    """A form whose text may be read by others: after a personal-data warning the person may send it anyway.
    The workflow gives the warning, on this field (answering.workflow.SEND_ANYWAY_FIELD)."""

    send_anyway = BooleanField(_l("Skicka ändå"))


class ViewpointForm(PersonalDataChecked):
    # "<council id>-<organisation id>": the council and the organisation one speaks for there, in one choice.
    # As wide as its longest choice: a council's and an organisation's names together are long.
    on_behalf_of = SelectField(_l("Råd och organisation"), validators=[DataRequired(_l("Välj råd och organisation."))],
                               render_kw={"class": "fit-choices"})
    title = StringField(_l("Rubrik"), validators=[DataRequired(_l("Skriv en rubrik.")), max_length(TITLE_MAX_LENGTH)])
    body = TextAreaField(
        _l("Synpunkt"), validators=[DataRequired(_l("Skriv vad synpunkten gäller.")), max_length(BODY_MAX_LENGTH)],
        description=_l("Beskriv vad som fungerar dåligt eller kan bli bättre, och vad ni föreslår. "
                       "Du kan använda enkel Markdown: **fetstil**, *kursiv*, listor med - och länkar."),
        render_kw={"rows": 12})
    subject = StringField(_l("Ämne"), validators=[Optional(), max_length(SUBJECT_MAX_LENGTH)],
                          description=_l("Till exempel boende, sysselsättning eller psykiatri."))
    visibility = RadioField(_l("Vem får läsa synpunkten?"), coerce=Visibility, default=Visibility.COUNCIL.value,
                            choices=choices((v.value, VISIBILITY_LABELS[v]) for v in Visibility))
    attachments = MultipleFileField(_l("Bilagor"))


class VersionedForm(PortalForm):
    """Every form that changes a viewpoint carries the version the person saw."""

    version = HiddenField()

    @property
    def seen_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class CommentForm(PersonalDataChecked):
    text = TextAreaField(_l("Kommentar"), validators=[DataRequired(_l("Skriv en kommentar.")),
                                                     max_length(COMMENT_MAX_LENGTH)], render_kw={"rows": 4})


class WithdrawForm(VersionedForm):
    pass


class ReceiveForm(VersionedForm):
    unit_id = SelectField(_l("Ansvarig enhet"), coerce=int, validators=[Optional()])
    manager_id = SelectField(_l("Ansvarig chef"), coerce=int, validators=[Optional()])
    deadline = DateField(_l("Svara senast"), validators=[DataRequired(_l("Fyll i ett svarsdatum."))],
                         description=_l("Föreslaget datum räknar bara arbetsdagar."))


class AssignForm(VersionedForm):
    unit_id = SelectField(_l("Ansvarig enhet"), coerce=int, validators=[Optional()])
    manager_id = SelectField(_l("Ansvarig chef"), coerce=int, validators=[Optional()])


class DeadlineForm(VersionedForm):
    deadline = DateField(_l("Svara senast"), validators=[DataRequired(_l("Fyll i ett svarsdatum."))])


class AnswerForm(VersionedForm, PersonalDataChecked):
    kind = RadioField(_l("Vilket slags svar?"), default="final", choices=choices([
        ("interim", _l("Delbesked: vi arbetar med saken")),
        ("final", _l("Svar: det här blir resultatet")),
    ]))
    text = TextAreaField(_l("Svar"), validators=[DataRequired(_l("Skriv svaret.")), max_length(ANSWER_MAX_LENGTH)],
                         render_kw={"rows": 8})
    actions = TextAreaField(_l("Åtgärder"), validators=[Optional(), max_length(ACTIONS_MAX_LENGTH)],
                            description=_l("Vad har gjorts eller ska göras?"), render_kw={"rows": 4})
    follow_up_on = DateField(_l("Följs upp"), validators=[Optional()],
                             description=_l("Ett datum då resultatet följs upp, om det finns ett."))


class CloseForm(VersionedForm):
    outcome = RadioField(_l("Vad ledde synpunkten till?"), coerce=Outcome,
                         choices=choices((o.value, OUTCOME_LABELS[o]) for o in Outcome),
                         validators=[DataRequired(_l("Välj vad synpunkten ledde till."))])
    rating = RadioField(_l("Hur nöjda är ni med svaret?"), coerce=int,
                        choices=choices(RATING_LABELS.items()),
                        validators=[DataRequired(_l("Välj ett betyg från 1 till 5."))])


class ReopenForm(VersionedForm, PersonalDataChecked):
    comment = TextAreaField(_l("Varför räcker inte svaret?"),
                            validators=[DataRequired(_l("Skriv varför synpunkten öppnas igen.")),
                                        max_length(COMMENT_MAX_LENGTH)], render_kw={"rows": 4})


class PublishForm(VersionedForm, PersonalDataChecked):
    public_title = StringField(_l("Rubrik för allmänheten"), validators=[
        DataRequired(_l("Skriv rubriken som allmänheten ser.")), max_length(TITLE_MAX_LENGTH)])
    public_body = TextAreaField(
        _l("Text för allmänheten"),
        validators=[DataRequired(_l("Skriv texten som allmänheten ser.")), max_length(BODY_MAX_LENGTH)],
        description=_l("Ta bort allt som pekar ut en enskild person: namn, personnummer, kontaktuppgifter. "
                       "Organisationen och samordnarna ser fortfarande det som skickades in."),
        render_kw={"rows": 8})
    send_anyway = BooleanField(_l("Publicera ändå"))


class UnpublishForm(VersionedForm):
    pass


class AgendaPlaceForm(PortalForm):
    # The items offered are those of the council's open agendas; the workflow checks the one chosen.
    agenda_item_id = SelectField(_l("Punkt på dagordningen"), coerce=int, validate_choice=False,
                                 validators=[DataRequired(_l("Välj en punkt på dagordningen."))])


class FollowUpForm(PersonalDataChecked):
    answer = RadioField(_l("Har åtgärderna genomförts?"), coerce=FollowUpAnswer,
                        choices=choices((a.value, FOLLOW_UP_ANSWER_LABELS[a]) for a in FollowUpAnswer),
                        validators=[DataRequired(_l("Välj om åtgärderna har genomförts."))])
    comment = TextAreaField(_l("Kommentar om uppföljningen"),
                            validators=[Optional(), max_length(FOLLOW_UP_COMMENT_MAX_LENGTH)],
                            description=_l("Vad har blivit av, och vad saknas?"), render_kw={"rows": 4})
